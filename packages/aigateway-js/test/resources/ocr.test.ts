import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('ocr.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('reads text blocks from an image URL', async () => {
    const res = await gw
      .client()
      .ocr.create({ model: 'microsoft/trocr-base-printed', image: 'https://example.com/receipt.png' });
    expect(res.object).toBe('ocr');
    expect(res.blocks.length).toBeGreaterThan(0);
    expect(res.text).toBe(res.blocks.map((b) => b.text).join('\n'));
    for (const block of res.blocks) expect(block.bbox).toHaveLength(4);
  });
});
