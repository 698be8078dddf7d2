import { readMp3 } from '../../../media/mp3.js';
import { readWav } from '../../../media/wav.js';
import { fnv1a } from '../../../util/hash.js';
import { detectLanguage } from './translations.js';

const names: Record<string, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  de: 'german',
  it: 'italian',
  pt: 'portuguese',
};

const fallback = [
  "Let's start with the quarterly numbers.",
  'Thanks for calling, how can I help you today?',
  'The meeting is moved to Thursday at ten.',
  'Please remember to back up the database before the release.',
];

/**
 * Reads back the text the emulator wrote into its own audio (a WAV's INFO comment or title, an
 * MP3's ID3 title); other audio gets a deterministic sentence chosen from its bytes.
 */
export function transcribe(bytes: Uint8Array, language?: string) {
  const wav = readWav(bytes);
  const mp3 = wav ? undefined : readMp3(bytes);
  const embedded = wav ? (wav.info.ICMT ?? wav.info.INAM) : mp3?.title;
  const text =
    embedded?.trim() ||
    fallback[fnv1a(Buffer.from(bytes.subarray(0, 65536)).toString('latin1')) % fallback.length]!;
  // Unknown containers: estimate the length as if it were 128 kbit/s audio.
  const duration =
    Math.round((wav?.durationSeconds || mp3?.durationSeconds || bytes.length / 16000) * 100) / 100;
  const lang = language ?? detectLanguage(text);
  return { text, duration, language: lang, languageName: names[lang] ?? lang };
}

/** `verbose_json` segments (one per sentence) and words, timed in proportion to their length. */
export function timeline(text: string, duration: number) {
  const sentences = text
    .match(/[^.!?]+[.!?]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const perChar = duration / Math.max(1, text.length);
  let at = 0;
  const segments = sentences.map((s, id) => {
    const start = at;
    at += s.length * perChar;
    return {
      id,
      seek: 0,
      start: round(start),
      end: round(at),
      text: s,
      tokens: Array.from(s, (c) => 50000 + (c.codePointAt(0)! % 1000)).slice(0, 64),
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1.2,
      no_speech_prob: 0.01,
    };
  });
  let t = 0;
  const words = (text.match(/\S+/g) ?? []).map((word) => {
    const start = t;
    t += (word.length + 1) * perChar;
    return { word, start: round(start), end: round(Math.min(duration, t)) };
  });
  return { segments, words };
}

const round = (n: number) => Math.round(n * 100) / 100;
