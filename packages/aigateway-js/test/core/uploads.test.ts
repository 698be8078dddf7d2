import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/core/errors.js';
import { toFile } from '../../src/core/uploads.js';

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
