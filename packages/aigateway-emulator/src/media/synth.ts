import { fnv1a } from '../util/hash.js';
import { mulberry32 } from '../util/rng.js';

/** Seconds of speech for `text`: ~65 ms per character, like a brisk speaker. */
export function speechSeconds(text: string, speed = 1): number {
  return Math.max(0.3, (text.length * 0.065) / speed);
}

/**
 * Speech-like audio for `text`: a short voiced tone per letter (pitch from the letter), silence
 * for spaces and longer pauses at punctuation. Deterministic, audible, not intelligible.
 */
export function synthesizeSpeech(text: string, sampleRate: number, speed = 1): Float32Array {
  const perChar = Math.round((0.065 * sampleRate) / speed);
  const out = new Float32Array(Math.max(Math.round(speechSeconds(text, speed) * sampleRate), perChar));
  let at = 0;
  for (const ch of text) {
    if (at + perChar > out.length) break;
    if (/[\p{L}\p{N}]/u.test(ch)) {
      const freq = 140 + ((ch.toLowerCase().codePointAt(0) ?? 0) % 26) * 9;
      for (let i = 0; i < perChar; i++) {
        const env = Math.sin((Math.PI * i) / perChar);
        const t = (at + i) / sampleRate;
        out[at + i] =
          0.35 * env * (Math.sin(2 * Math.PI * freq * t) + 0.4 * Math.sin(4 * Math.PI * freq * t));
      }
    }
    at += perChar;
  }
  return out;
}

const PENTATONIC = [261.63, 293.66, 329.63, 392.0, 440.0, 523.25, 587.33, 659.25];

/** A prompt-seeded pentatonic melody over a drone, `seconds` long. */
export function synthesizeMusic(prompt: string, seconds: number, sampleRate: number): Float32Array {
  const rand = mulberry32(fnv1a(prompt));
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const noteLength = Math.round(sampleRate * (0.2 + rand() * 0.2));
  const root = PENTATONIC[Math.floor(rand() * 3)]! / 2;
  for (let start = 0; start < out.length; start += noteLength) {
    const freq = PENTATONIC[Math.floor(rand() * PENTATONIC.length)]!;
    const end = Math.min(out.length, start + noteLength);
    for (let i = start; i < end; i++) {
      const t = i / sampleRate;
      const env = Math.exp((-3 * (i - start)) / noteLength);
      out[i] = 0.3 * env * Math.sin(2 * Math.PI * freq * t) + 0.1 * Math.sin(2 * Math.PI * root * t);
    }
  }
  return out;
}
