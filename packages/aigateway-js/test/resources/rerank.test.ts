import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('rerank.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('orders documents by descending relevance and keeps top_n', async () => {
    const documents = ['the refund policy lasts 30 days', 'our office is in Paris', 'refunds need a receipt'];
    const res = await gw.client().rerank.create({
      model: 'baai/bge-reranker-base',
      query: 'refund policy',
      documents,
      top_n: 2,
      return_documents: true,
    });
    expect(res.results).toHaveLength(2);
    const [first, second] = res.results;
    expect(first?.relevance_score).toBeGreaterThanOrEqual(second?.relevance_score ?? 0);
    expect(first?.document?.text).toBe(documents[first?.index ?? -1]);
  });
});
