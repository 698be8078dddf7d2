import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFile } from '../../src/index.js';
import { stubResponseWithoutFormDataType } from '../helpers/bun-like.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

const stt = 'openai/whisper-large-v3-turbo';

describe.each<Transport>(['loopback', 'msw'])('audio over %s', (transport) => {
  let gw: Harness;
  let wav: Uint8Array;
  beforeAll(async () => {
    gw = await startHarness(transport, { timeScale: 1000 });
    const speech = await gw.client().audio.speech.create({
      model: 'deepgram/aura-2-en',
      input: 'Quarterly numbers look good.',
      voice: 'asteria',
      response_format: 'wav',
    });
    wav = new Uint8Array(await speech.arrayBuffer());
  });
  afterAll(() => gw.close());

  it('speech resolves to the binary response', async () => {
    const res = await gw.client().audio.speech.create({
      model: 'deepgram/aura-2-en',
      input: 'Hello',
      voice: 'asteria',
      response_format: 'mp3',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^audio\//);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
  });

  it('transcribes a file given as a path, bytes, a Blob, a web stream or a Node stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aig-stt-'));
    const path = join(dir, 'meeting.wav');
    await writeFile(path, wav);
    const inputs = [
      path,
      Buffer.from(wav),
      new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }),
      new Blob([wav as Uint8Array<ArrayBuffer>]).stream(),
      Readable.from([Buffer.from(wav)]),
      await toFile(wav, 'named.wav'),
    ];
    const client = gw.client();
    const texts: string[] = [];
    for (const file of inputs) {
      const res = await client.audio.transcriptions.create({ model: stt, file });
      expect(res.usage?.seconds ?? 1).toBeGreaterThan(0);
      texts.push(res.text);
    }
    expect(texts[0]?.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(1);
  });

  it('returns plain text or verbose JSON on request', async () => {
    const client = gw.client();
    const text = await client.audio.transcriptions.create({
      model: stt,
      file: Buffer.from(wav),
      response_format: 'text',
    });
    expect(typeof text).toBe('string');
    const verbose = await client.audio.transcriptions.create({
      model: stt,
      file: Buffer.from(wav),
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });
    expect(verbose.text.trim()).toBe(text.trim());
    expect(verbose.duration).toBeGreaterThan(0);
    expect(verbose.segments?.length).toBeGreaterThan(0);
  });

  it('music generation is a job that completes with an audio result', async () => {
    const job = await gw
      .client()
      .audio.music.generate({ model: 'suno/v5', prompt: 'lo-fi beat', duration: 10, instrumental: true });
    expect(job).toMatchObject({ object: 'job', type: 'music' });
    const done = await job.wait({ pollInterval: 20 });
    expect(done.status).toBe('completed');
    expect(done.result?.content_type).toMatch(/^audio\//);
  });

  // Bun 1.4's `new Response(formData)` has no content-type header, so a boundary read from it is
  // lost and the gateway answers 400. Reproduced here with the same Response behaviour.
  it('uploads where Response does not type a FormData body (Bun)', async () => {
    const restore = stubResponseWithoutFormDataType();
    try {
      const res = await gw.client().audio.transcriptions.create({ model: stt, file: Buffer.from(wav) });
      expect(res.text.length).toBeGreaterThan(0);
    } finally {
      restore();
    }
  });

  it('a missing file is named before sending', async () => {
    // @ts-expect-error file missing on purpose
    await expect(gw.client().audio.transcriptions.create({ model: stt })).rejects.toThrow(
      /file: is required/,
    );
  });
});
