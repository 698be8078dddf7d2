import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, InputValidationError, type ThreeDGenerateParams } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

const model = 'stabilityai/stable-fast-3d';

describe.each<Transport>(['loopback', 'msw'])('threeD.generate over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport, { timeScale: 1000 });
  });
  afterAll(() => gw.close());

  it('generates from an image and completes with a model file', async () => {
    const job = await gw.client().threeD.generate({
      model,
      image: 'https://example.com/chair.png',
      format: 'glb',
    });
    expect(job.type).toBe('3d');
    const done = await job.wait({ pollInterval: 20 });
    expect(done.result?.content_type).toBe('model/gltf-binary');
    const file = await gw.client().files.download(done.result_url ?? '');
    expect(new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()).subarray(0, 4))).toBe('glTF');
  });

  it('accepts a prompt, an image or both (the contract validates each on the emulator)', async () => {
    const bodies: ThreeDGenerateParams[] = [
      { model, prompt: 'a chair' },
      { model, image: 'https://example.com/chair.png' },
      { model, prompt: 'a chair', image: 'https://example.com/chair.png', format: 'obj' },
    ];
    for (const body of bodies) {
      const job = await gw.client().threeD.generate(body);
      expect(job).toMatchObject({ object: 'job', type: '3d', status: 'queued' });
    }
  });

  it('needs a prompt or an image: InputValidationError before any request', async () => {
    const before = gw.control.requests().length;
    // @ts-expect-error neither prompt nor image on purpose
    const call = gw.client().threeD.generate({ model });
    await expect(call).rejects.toBeInstanceOf(InputValidationError);
    await expect(call).rejects.toThrow(/give `prompt` or `image`/);
    expect(gw.control.requests().length).toBe(before);
  });

  it('the contract itself still requires one of them (the gateway answers 400 past the SDK check)', async () => {
    // The low-level call skips the SDK's input check, so the emulator's contract validation answers.
    const call = gw.client().post('/3d/generations', { body: { model }, maxRetries: 0 });
    await expect(call).rejects.toBeInstanceOf(BadRequestError);
    await expect(call).rejects.toMatchObject({ status: 400, code: 'missing_field' });
  });
});
