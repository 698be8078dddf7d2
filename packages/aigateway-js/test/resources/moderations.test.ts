import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('moderations.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('classifies each input, defaulting the model', async () => {
    const res = await gw.client().moderations.create({ input: ['hello friend', 'have a nice day'] });
    expect(res.model).toBe('meta/llama-guard-3-8b');
    expect(res.results).toHaveLength(2);
    expect(typeof res.results[0]?.flagged).toBe('boolean');
    expect(typeof res.results[0]?.category_scores.violence).toBe('number');
  });
});
