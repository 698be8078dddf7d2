import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['msw', 'loopback'])('usage.byTag over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('reports spend per tag for the current month', async () => {
    const client = gw.client();
    const messages = [{ role: 'user' as const, content: 'hi' }];
    await client.chat.completions.create({ model: 'openai/gpt-5.4', messages }, { tag: 'summarize' });
    await client
      .withOptions({ tag: 'summarize' })
      .chat.completions.create({ model: 'openai/gpt-5.4', messages });
    await client.chat.completions.create({ model: 'openai/gpt-5.4', messages });
    const usage = await client.usage.byTag();
    expect(usage.object).toBe('usage.by_tag');
    expect(usage.month).toMatch(/^\d{4}-\d{2}$/);
    const tagged = usage.data.find((row) => row.tag === 'summarize');
    expect(tagged?.requests).toBe(2);
    expect(usage.data.find((row) => row.tag === null)?.requests).toBe(1);
    expect(usage.total_requests).toBe(3);
    const same = await client.usage.byTag({ month: usage.month });
    expect(same.total_cents).toBe(usage.total_cents);
  });

  it('checks the month format before sending', async () => {
    const error = await gw
      .client()
      .usage.byTag({ month: '2026-4' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toContain(
      'month: must be a string matching ^[0-9]{4}-(0[1-9]|1[0-2])$, got "2026-4"',
    );
  });
});
