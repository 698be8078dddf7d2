import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/emulator.js';

describe('threeD.generate', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('msw', { timeScale: 1000 });
  });
  afterAll(() => gw.close());

  it('generates from an image and completes with a model file', async () => {
    const job = await gw.client().threeD.generate({
      model: 'stabilityai/stable-fast-3d',
      image: 'https://example.com/chair.png',
      format: 'glb',
    });
    expect(job.type).toBe('3d');
    const done = await job.wait({ pollInterval: 20 });
    expect(done.result?.content_type).toBe('model/gltf-binary');
    const file = await gw.client().files.download(done.result_url ?? '');
    expect(new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()).subarray(0, 4))).toBe('glTF');
  });

  it('needs a prompt or an image, checked before sending', async () => {
    // @ts-expect-error neither prompt nor image on purpose
    await expect(gw.client().threeD.generate({ model: 'stabilityai/stable-fast-3d' })).rejects.toThrow(
      /give `prompt`, `image` or both/,
    );
  });
});
