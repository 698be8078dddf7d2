import { schemas } from 'aigateway-contract';
import { readStream } from '../core/files.js';
import { binaryDestination, checkExtension, extensionOf, saveBinary, TextResult } from '../core/results.js';
import { missingInput, usageError } from '../errors.js';
import { readableFile, requireText } from './inputs.js';
import { withRequestId } from './result.js';
import type { CallContext } from './types.js';

/** The contract's speech formats (`response_format`), chosen by --out's extension. */
const SPEECH_FORMATS = schemas.SpeechRequest.properties.response_format.enum;

/** Image generation: saves the image (--out, or a piped stdout); on a terminal, prints its URL. */
export async function callImage(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  const prompt = requireText(call);
  const destination = await binaryDestination(rt, flags, 'image');
  const { data: images, requestId } = await client.images
    .generate({ model, prompt }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  const first = images.data[0];
  let saved: Awaited<ReturnType<typeof saveBinary>> | undefined;
  if (destination && first) {
    let bytes: Uint8Array;
    let contentType: string | undefined;
    if (first.b64_json) {
      bytes = Buffer.from(first.b64_json, 'base64');
    } else if (first.url) {
      const deadline = rt.deadline();
      const response = await client.files.download(first.url, { signal: deadline.signal });
      deadline.settle();
      contentType = response.headers.get('content-type') ?? undefined;
      bytes = new Uint8Array(await response.arrayBuffer());
    } else {
      throw usageError('The response had neither a URL nor image data to save.', 'no_result');
    }
    if (destination.kind !== 'stdout') {
      checkExtension(
        destination.path,
        contentType,
        (path) => `Save it as ${path} (run the call again with --out ${path}).`,
      );
    }
    saved = await saveBinary(rt, destination, bytes, flags, contentType);
  }
  if (rt.out.json) return rt.out.result({ ...withRequestId(images, requestId), ...saved });
  if (saved) {
    if (destination?.kind !== 'stdout') rt.out.line(saved.out);
    return;
  }
  for (const image of images.data) rt.out.line(image.url ?? '(image data)');
  rt.out.info('Save the image with --out fox.png, or pipe stdout to a file.');
}

/** Text to speech: writes the audio to --out, or to stdout when it is piped. */
export async function callSpeech(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  const input = requireText(call, 'text to speak');
  const destination = await binaryDestination(rt, flags, 'audio');
  if (!destination) {
    throw missingInput('file for the audio', '--out speech.mp3 (or pipe stdout to a file)');
  }
  const ext = destination.kind === 'stdout' ? '' : extensionOf(destination.path);
  const format = SPEECH_FORMATS.find((f) => f === ext);
  if (ext !== '' && !format) {
    throw usageError(
      `--out ${destination.path}: speech comes as ${SPEECH_FORMATS.join(', ')}; use one of those extensions (e.g. --out speech.mp3).`,
      'format_mismatch',
    );
  }
  const deadline = rt.deadline();
  const { data: response, requestId } = await client.audio.speech
    .create(
      { model, input, voice: flags.voice ?? 'default', ...(format ? { response_format: format } : {}) },
      { signal: deadline.signal },
    )
    .withResponse();
  deadline.settle();
  rt.out.debug(`request id ${requestId}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? undefined;
  if (destination.kind !== 'stdout') {
    checkExtension(
      destination.path,
      contentType,
      (path) => `Save it as ${path} (run the call again with --out ${path}).`,
    );
  }
  const saved = await saveBinary(rt, destination, bytes, flags, contentType);
  if (rt.out.json)
    return rt.out.result({ ...saved, content_type: contentType ?? 'audio', request_id: requestId ?? null });
  if (destination.kind !== 'stdout') rt.out.line(saved.out);
}

// `--file -` has no name to take a type from: tell the common audio containers by their first bytes.
function sniffAudio(bytes: Buffer): string {
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return 'wav';
  if (head.startsWith('fLaC')) return 'flac';
  if (head.startsWith('OggS')) return 'ogg';
  if (head.slice(4, 8) === 'ftyp') return 'm4a';
  if (head.startsWith('\u001aE\u00df\u00a3')) return 'webm';
  return 'mp3';
}

/** Speech to text: uploads --file (or stdin with `--file -`) and prints the transcript (or saves it with --out). */
export async function callTranscription(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  if (!flags.file)
    throw usageError(
      `Transcription needs audio: pass --file PATH, or --file - to read it from stdin (e.g. aig call ${model} --file call.m4a).`,
      'missing_input',
    );
  let file: string | File;
  if (flags.file === '-') {
    const { toFile } = await import('aigateway-js/client');
    const bytes = await readStream(rt.io.stdin);
    if (bytes.length === 0) throw missingInput('audio on stdin', '--file PATH, or pipe the audio in');
    file = await toFile(bytes, `stdin.${sniffAudio(bytes)}`);
  } else file = await readableFile(flags.file, '--file', rt.io.cwd);
  const text = await TextResult.open(rt, flags);
  const { data, requestId } = await client.audio.transcriptions
    .create({ model, file, ...(flags.from ? { language: flags.from } : {}) }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  const transcript = typeof data === 'object' ? data.text : String(data);
  text.write(`${transcript}\n`);
  const saved = await text.close();
  if (rt.out.json) {
    const body =
      typeof data === 'object' ? withRequestId(data, requestId) : { text: data, request_id: requestId };
    return rt.out.result({ ...body, ...saved });
  }
  if (saved) rt.out.line(saved.out);
}
