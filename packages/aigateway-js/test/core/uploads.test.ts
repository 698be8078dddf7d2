import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/core/errors.js';
import { multipartBody, toFile } from '../../src/core/uploads.js';

const bytes = new TextEncoder().encode('RIFF fake wav bytes');

async function text(file: File): Promise<string> {
  return new TextDecoder().decode(await file.arrayBuffer());
}

describe('toFile', () => {
  it('reads a path lazily, naming and typing the file from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aig-upload-'));
    const path = join(dir, 'call.wav');
    await writeFile(path, bytes);
    const file = await toFile(path);
    expect(file.name).toBe('call.wav');
    expect(file.type).toBe('audio/wav');
    expect(await text(file)).toBe('RIFF fake wav bytes');
  });

  it('explains an unreadable path', async () => {
    await expect(toFile('/definitely/missing/file.mp3')).rejects.toThrow(InputValidationError);
    await expect(toFile('/definitely/missing/file.mp3')).rejects.toThrow(/cannot read.*ENOENT/);
  });

  it.each([
    ['a Buffer', () => Buffer.from(bytes)],
    ['a Uint8Array', () => bytes],
    ['an ArrayBuffer', () => bytes.slice().buffer],
    ['a Blob', () => new Blob([bytes])],
    ['a web ReadableStream', () => new Blob([bytes]).stream()],
    ['a Node Readable', () => Readable.from([Buffer.from(bytes.slice(0, 4)), Buffer.from(bytes.slice(4))])],
    ['a Response', () => new Response(bytes)],
  ])('accepts %s', async (_label, make) => {
    const file = await toFile(make(), 'clip.mp3');
    expect(file.name).toBe('clip.mp3');
    expect(file.type).toBe('audio/mpeg');
    expect(await text(file)).toBe('RIFF fake wav bytes');
  });

  it('keeps a File as is and honours an explicit type', async () => {
    const original = new File([bytes], 'a.wav', { type: 'audio/wav' });
    expect(await toFile(original)).toBe(original);
    expect((await toFile(original, undefined, { type: 'audio/x-wav' })).type).toBe('audio/x-wav');
    expect((await toFile(bytes)).name).toBe('file');
  });
});

describe('multipartBody', () => {
  it('encodes fields, arrays and files with its own boundary, readable by any FormData parser', async () => {
    const body = await multipartBody(
      {
        model: 'openai/whisper-large-v3-turbo',
        timestamp_granularities: ['word', 'segment'],
        prompt: 'line one\nline "two"',
        temperature: 0,
        language: undefined,
        file: new File([bytes], 'my "call".wav', { type: 'audio/wav' }),
      },
      ['file'],
    );
    expect(body.contentType).toMatch(/^multipart\/form-data; boundary=----aigateway-[0-9a-f]{32}$/);
    const form = await new Response(body.blob, { headers: { 'content-type': body.contentType } }).formData();
    expect(form.get('model')).toBe('openai/whisper-large-v3-turbo');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
    expect(form.get('prompt')).toBe('line one\r\nline "two"');
    expect(form.get('temperature')).toBe('0');
    expect(form.has('language')).toBe(false);
    const file = form.get('file') as File;
    expect(file.name).toBe('my "call".wav');
    expect(file.type).toBe('audio/wav');
    expect(await text(file)).toBe('RIFF fake wav bytes');
  });

  it('does not depend on Response to encode FormData (Bun gives it no content-type)', async () => {
    const { stubResponseWithoutFormDataType } = await import('../helpers/bun-like.js');
    const restore = stubResponseWithoutFormDataType();
    try {
      const body = await multipartBody({ file: bytes, model: 'm' }, ['file']);
      expect(body.contentType).toMatch(/boundary=/);
    } finally {
      restore();
    }
  });
});
