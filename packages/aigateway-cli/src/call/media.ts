import { extname } from 'node:path';
import { writeOutputFile } from '../core/files.js';
import { usageError } from '../errors.js';
import { readableFile, requireText } from './inputs.js';
import { withRequestId } from './result.js';
import type { CallContext } from './types.js';

const SPEECH_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;
type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** Image generation: prints the URL, or saves the image with --out. */
export async function callImage(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  const prompt = requireText(call);
  const { data: images, requestId } = await client.images
    .generate({ model, prompt }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  const first = images.data[0];
  if (flags.out && first) {
    const bytes = first.b64_json
      ? Buffer.from(first.b64_json, 'base64')
      : first.url
        ? new Uint8Array(await (await client.files.download(first.url, { signal: rt.signal })).arrayBuffer())
        : undefined;
    if (!bytes) throw usageError('The response had neither a URL nor image data to save.', 'no_result');
    await writeOutputFile(flags.out, bytes, rt.io.cwd);
    rt.out.success(`Saved image (${bytes.length} bytes) to ${flags.out}`);
  }
  if (rt.out.json) return rt.out.result(withRequestId(images, requestId));
  if (flags.out) return rt.out.line(flags.out);
  for (const image of images.data) {
    rt.out.line(image.url ?? '(image returned as base64: pass --out image.png to save it)');
  }
}

/** Text to speech: writes the audio to --out, or to stdout when it is piped. */
export async function callSpeech(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  const input = requireText(call, 'text to speak');
  if (!flags.out && (rt.out.stdoutIsTTY || rt.out.json)) {
    throw usageError('Speech is audio: pass --out speech.mp3 (or pipe stdout to a file).', 'missing_input');
  }
  const ext = flags.out ? extname(flags.out).slice(1).toLowerCase() : '';
  const format = SPEECH_FORMATS.find((f) => f === ext) as SpeechFormat | undefined;
  const { data: response, requestId } = await client.audio.speech
    .create(
      { model, input, voice: flags.voice ?? 'default', ...(format ? { response_format: format } : {}) },
      { signal: rt.signal },
    )
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? 'audio';
  if (!flags.out) return rt.out.writeBytes(bytes);
  await writeOutputFile(flags.out, bytes, rt.io.cwd);
  if (rt.out.json)
    return rt.out.result({
      out: flags.out,
      bytes: bytes.length,
      content_type: contentType,
      request_id: requestId ?? null,
    });
  rt.out.success(`Saved ${contentType} (${bytes.length} bytes) to ${flags.out}`);
  rt.out.line(flags.out);
}

/** Speech to text: uploads --file and prints the transcript. */
export async function callTranscription(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  if (!flags.file)
    throw usageError(
      `Transcription needs audio: pass --file PATH (e.g. aig call ${model} --file call.m4a).`,
      'missing_input',
    );
  const file = await readableFile(flags.file, '--file', rt.io.cwd);
  const { data, requestId } = await client.audio.transcriptions
    .create({ model, file, ...(flags.from ? { language: flags.from } : {}) }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(typeof data === 'object' ? withRequestId(data, requestId) : data);
  rt.out.line(data.text);
}
