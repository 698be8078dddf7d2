import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('images.generate over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('returns URLs by default and base64 on request', async () => {
    const client = gw.client();
    const byUrl = await client.images.generate({
      model: 'black-forest-labs/flux-1-schnell',
      prompt: 'a lighthouse',
    });
    expect(byUrl.data[0]?.url).toMatch(/^https?:\/\//);
    const inline = await client.images.generate({
      model: 'black-forest-labs/flux-1-schnell',
      prompt: 'a lighthouse',
      response_format: 'b64_json',
    });
    expect(
      Buffer.from(inline.data[0]?.b64_json ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('names the missing prompt', async () => {
    // @ts-expect-error prompt missing on purpose
    await expect(gw.client().images.generate({ model: 'black-forest-labs/flux-1-schnell' })).rejects.toThrow(
      /images\.generate: prompt: is required/,
    );
  });
});
