import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('classifications.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('classifies into the given labels with scores', async () => {
    const res = await gw.client().classifications.create({
      model: 'huggingface/distilbert-sst-2',
      input: ['I love it', 'I hate it'],
      labels: ['happy', 'sad'],
    });
    expect(res.object).toBe('classification');
    expect(res.data).toHaveLength(2);
    for (const row of res.data) {
      expect(['happy', 'sad']).toContain(row.label);
      expect(row.scores.map((s) => s.label).sort()).toEqual(['happy', 'sad']);
    }
  });
});
