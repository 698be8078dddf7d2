import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['msw', 'loopback'])('embeddings over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('embeds a batch, one vector per input, in order', async () => {
    const res = await gw.client().embeddings.create({ model: 'baai/bge-m3', input: ['first', 'second'] });
    expect(res.object).toBe('list');
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    expect(Array.isArray(res.data[0]?.embedding)).toBe(true);
    expect((res.data[0]?.embedding as number[] | undefined)?.length).toBeGreaterThan(0);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('returns base64 vectors when asked', async () => {
    const res = await gw
      .client()
      .embeddings.create({ model: 'baai/bge-m3', input: 'x', encoding_format: 'base64' });
    expect(typeof res.data[0]?.embedding).toBe('string');
  });

  it('rejects a call without input before sending', async () => {
    // @ts-expect-error input missing on purpose
    await expect(gw.client().embeddings.create({ model: 'baai/bge-m3' })).rejects.toBeInstanceOf(
      InputValidationError,
    );
  });
});
