import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AuthenticationError, PermissionDeniedError } from '../../src/index.js';
import { type Harness, recordingFetch, startHarness, type Transport } from '../helpers/emulator.js';
import { socketCounter } from '../helpers/socket-counter.js';

describe.each<Transport>(['loopback', 'msw'])('files over %s', (transport) => {
  let gw: Harness;
  let resultUrl: string;
  let path: string;
  beforeAll(async () => {
    gw = await startHarness(transport, { timeScale: 1000 });
    const done = await (
      await gw.client().videos.generate({ model: 'runwayml/gen-4', prompt: 'waves', duration: 2 })
    ).wait({
      pollInterval: 20,
    });
    resultUrl = done.result_url ?? '';
    path = new URL(resultUrl).pathname.replace(/^\/v1\/files\//, '');
  });
  afterAll(() => gw.close());

  it('downloads a signed result URL without sending the key', async () => {
    const fetch = recordingFetch();
    const res = await gw.client({ fetch: fetch.fetch }).files.download(resultUrl);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(fetch.sent[0]?.has('authorization')).toBe(false);
  });

  it('downloads a path with the key', async () => {
    const fetch = recordingFetch();
    const res = await gw.client({ fetch: fetch.fetch }).files.download(path);
    expect(res.status).toBe(200);
    expect(fetch.sent[0]?.get('authorization')).toBe(`Bearer ${gw.apiKey}`);
  });

  it('mints a signed URL that works without a key, and a tampered one is refused', async () => {
    const client = gw.client();
    const signed = await client.files.createSignedUrl({ path, expires_in: 60 });
    expect(signed).toMatchObject({ object: 'signed_url', path });
    const anonymous = await globalThis.fetch(signed.url);
    expect(anonymous.status).toBe(200);
    const tampered = signed.url.replace(
      /signature=([0-9a-f])/,
      (_m, c: string) => `signature=${c === '0' ? '1' : '0'}`,
    );
    await expect(client.files.download(tampered)).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('checks expires_in before sending', async () => {
    await expect(gw.client().files.createSignedUrl({ path, expires_in: 604_801 })).rejects.toThrow(
      /expires_in: must be an integer from 1 to 604800, got 604801/,
    );
  });
});

describe('files.download to another host', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('never sends the key there', async () => {
    const relay = await socketCounter(gw.baseURL);
    try {
      // The same emulator behind another origin: an unsigned URL there must go out without the key.
      const foreign = `${relay.url}/files/jobs/job_x/video.mp4`;
      const fetch = recordingFetch();
      await expect(gw.client({ fetch: fetch.fetch }).files.download(foreign)).rejects.toBeInstanceOf(
        AuthenticationError,
      );
      expect(fetch.sent[0]?.has('authorization')).toBe(false);
    } finally {
      await relay.close();
    }
  });
});

describe('files.download of every kind of result', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback', { timeScale: 1000 });
  });
  afterAll(() => gw.close());

  it('serves each with its result.content_type, a media type the contract declares for downloads', async () => {
    const contract = parse(
      await readFile(new URL('../../../../openapi/aigateway.yaml', import.meta.url), 'utf8'),
    ) as { paths: Record<string, { get: { responses: Record<string, { content: object }> } }> };
    const declared = Object.keys(contract.paths['/v1/files/{path}']?.get.responses['200']?.content ?? {});
    const client = gw.client();
    const wait = { pollInterval: 20 };
    const jobs = await Promise.all([
      client.videos.generate({ model: 'runwayml/gen-4', prompt: 'waves', duration: 1 }),
      client.audio.music.generate({ model: 'suno/v5', prompt: 'lo-fi', duration: 5 }),
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', prompt: 'a chair', format: 'glb' }),
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d', prompt: 'a chair', format: 'obj' }),
    ]);
    const served: string[] = [];
    for (const job of jobs) {
      const done = await job.wait(wait);
      const file = await client.files.download(done.result_url ?? '');
      await file.arrayBuffer();
      expect(file.headers.get('content-type')).toBe(done.result?.content_type);
      served.push(file.headers.get('content-type') ?? '');
    }
    const image = await client.images.generate({
      model: 'black-forest-labs/flux-1-schnell',
      prompt: 'a lighthouse',
    });
    const png = await client.files.download(image.data[0]?.url ?? '');
    await png.arrayBuffer();
    served.push(png.headers.get('content-type') ?? '');
    expect(served).toEqual(['video/mp4', 'audio/wav', 'model/gltf-binary', 'model/obj', 'image/png']);
    for (const type of served) expect(declared, `${type} is declared`).toContain(type);
  });
});
