import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('translations.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('translates every input into the target language', async () => {
    const res = await gw
      .client()
      .translations.create({ model: 'meta/m2m100-1.2b', input: ['Bonjour', 'Merci'], target_language: 'en' });
    expect(res.object).toBe('translation');
    expect(res.data.map((d) => [d.index, d.target_language])).toEqual([
      [0, 'en'],
      [1, 'en'],
    ]);
  });

  it('names a missing target language', async () => {
    // @ts-expect-error target_language missing on purpose
    await expect(gw.client().translations.create({ model: 'meta/m2m100-1.2b', input: 'x' })).rejects.toThrow(
      /target_language: is required/,
    );
  });
});
