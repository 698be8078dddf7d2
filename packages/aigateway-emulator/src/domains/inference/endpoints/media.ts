import type { MultipartFile } from '../../../http/body.js';
import { bytesBody } from '../../../http/respond.js';
import { encodeSilentMp3 } from '../../../media/mp3.js';
import { renderPng } from '../../../media/png.js';
import { speechSeconds, synthesizeSpeech } from '../../../media/synth.js';
import { encodeWav, pcm16 } from '../../../media/wav.js';
import type { Endpoint } from '../endpoint.js';
import { loadImage } from '../generate/image-input.js';
import { timeline, transcribe } from '../generate/transcriptions.js';
import { detect, ocr } from '../generate/vision.js';

/** `WIDTHxHEIGHT`, or 1024x1024 for `auto`/none; the contract's pattern (checked before) bounds each side. */
function imageSize(size: unknown): [number, number] {
  const match = typeof size === 'string' ? /^(\d+)x(\d+)$/.exec(size) : null;
  return match ? [Number(match[1]), Number(match[2])] : [1024, 1024];
}

export const images: Endpoint = {
  operationId: 'createImage',
  modality: 'image',
  run(input, spec, { clock, files, call }) {
    const [width, height] = imageSize(input.size);
    const prompt = String(input.prompt);
    const n = typeof input.n === 'number' ? input.n : 1;
    const inline = input.response_format === 'b64_json';
    const data = Array.from({ length: n }, (_, i) => {
      const variant = n > 1 ? `${prompt} #${i + 1}` : prompt;
      if (inline)
        return {
          b64_json: renderPng(width, height, variant, { model: spec.id }).toString('base64'),
          revised_prompt: null,
        };
      const path = `images/${call.requestId}/${i}.png`;
      files.put(
        path,
        call.principal.subAccountId,
        { kind: 'image', prompt: variant, width, height, model: spec.id },
        clock.now(),
      );
      return { url: files.signedUrl(call.origin, path, clock.now() + 3600), revised_prompt: null };
    });
    return { body: { created: clock.now(), data }, meter: { units: n } };
  },
};

const speechTypes: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', pcm: 'audio/pcm' };

export const speech: Endpoint = {
  operationId: 'createSpeech',
  modality: 'speech',
  run(input, spec) {
    const format = typeof input.response_format === 'string' ? input.response_format : 'mp3';
    const text = String(input.input);
    const speed = typeof input.speed === 'number' ? input.speed : 1;
    let bytes: Buffer;
    if (format === 'wav') {
      bytes = encodeWav(synthesizeSpeech(text, 16000, speed), 16000, {
        ICMT: text,
        INAM: `${spec.id} ${String(input.voice)}`,
        ISFT: 'aigateway-emulator',
      });
    } else if (format === 'mp3') bytes = encodeSilentMp3(speechSeconds(text, speed), text);
    else bytes = pcm16(synthesizeSpeech(text, 24000, speed));
    return {
      response: new Response(bytesBody(bytes), {
        headers: { 'content-type': speechTypes[format]!, 'content-length': String(bytes.length) },
      }),
      meter: { units: text.length },
    };
  },
};

export const transcriptions: Endpoint = {
  operationId: 'createTranscription',
  modality: 'transcription',
  multipart: true,
  run(input) {
    const file = input.file as MultipartFile;
    const t = transcribe(file.bytes, typeof input.language === 'string' ? input.language : undefined);
    const usage = { type: 'duration', seconds: Math.ceil(t.duration) };
    const meter = { units: t.duration / 60 };
    if (input.response_format === 'text') {
      return {
        response: new Response(`${t.text}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } }),
        meter,
      };
    }
    if (input.response_format === 'verbose_json') {
      const { segments, words } = timeline(t.text, t.duration);
      const granular = Array.isArray(input.timestamp_granularities) ? input.timestamp_granularities : [];
      return {
        body: {
          task: 'transcribe',
          language: t.languageName,
          duration: t.duration,
          text: t.text,
          segments,
          ...(granular.includes('word') ? { words } : {}),
          usage,
        },
        meter,
      };
    }
    return { body: { text: t.text, usage }, meter };
  },
};

export const ocrEndpoint: Endpoint = {
  operationId: 'createOcr',
  modality: 'ocr',
  run(input, spec, { files, call }) {
    const image = loadImage(
      String(input.image),
      (url, p) => files.readInput(url, call.principal, p),
      'image',
    );
    const result = ocr(image);
    return { body: { object: 'ocr', model: spec.id, ...result, request_id: call.requestId }, meter: {} };
  },
};

export const detections: Endpoint = {
  operationId: 'createDetection',
  modality: 'detection',
  run(input, spec, { files, call }) {
    const threshold = typeof input.threshold === 'number' ? input.threshold : 0.5;
    const image = loadImage(
      String(input.image),
      (url, p) => files.readInput(url, call.principal, p),
      'image',
    );
    const data = detect(image, threshold);
    return { body: { object: 'detection', model: spec.id, data, request_id: call.requestId }, meter: {} };
  },
};
