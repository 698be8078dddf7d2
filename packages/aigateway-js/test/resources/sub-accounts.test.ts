import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  InputValidationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'hi' }];

describe.each<Transport>(['loopback', 'msw'])('subAccounts over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('create returns the key once; retrieve, list, update and delete manage it', async () => {
    const client = gw.client();
    const sub = await client.subAccounts.create({
      name: 'customer-1',
      spend_cap_cents: 5_000,
      metadata: { plan: 'pro' },
    });
    expect(sub.id).toMatch(/^sa_/);
    expect(sub.key).toMatch(/^sk-aig-sub-/);
    expect(sub.key_prefix).toBe(sub.key.slice(0, 12));
    const fetched = await client.subAccounts.retrieve(sub.id);
    expect(fetched).toMatchObject({
      id: sub.id,
      name: 'customer-1',
      spend_cap_cents: 5_000,
      metadata: { plan: 'pro' },
    });
    expect(fetched.key).toBeUndefined();
    const updated = await client.subAccounts.update(sub.id, { spend_cap_cents: null, rate_limit_rpm: 600 });
    expect(updated).toMatchObject({ spend_cap_cents: null, rate_limit_rpm: 600 });
    const deleted = await client.subAccounts.delete(sub.id);
    expect(deleted).toEqual({ id: sub.id, object: 'sub_account', deleted: true });
    await expect(client.subAccounts.retrieve(sub.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists page by page', async () => {
    const client = gw.client();
    for (const name of ['page-a', 'page-b', 'page-c']) await client.subAccounts.create({ name });
    const first = await client.subAccounts.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const next = await client.subAccounts.list({ limit: 2, starting_after: first.data.at(-1)?.id });
    expect(next.data.map((s) => s.id)).not.toContain(first.data[0]?.id);
  });

  it('a spend cap blocks with BudgetExceededError (cap, spend, reset) until it is raised', async () => {
    const client = gw.client();
    const sub = await client.subAccounts.create({ name: 'capped', spend_cap_cents: 0 });
    const customer = client.withOptions({ apiKey: sub.key });
    const error = await customer.chat.completions.create({ model, messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    const budget = error as BudgetExceededError;
    expect(budget).toMatchObject({ status: 402, spendCapCents: 0, subAccountId: sub.id });
    expect(budget.spentCents).toBeGreaterThanOrEqual(0);
    expect(budget.resetsAt).toBeInstanceOf(Date);
    expect(budget.resetsAt?.getUTCDate()).toBe(1);
    await client.subAccounts.update(sub.id, { spend_cap_cents: 10_000 });
    await expect(customer.chat.completions.create({ model, messages })).resolves.toMatchObject({
      object: 'chat.completion',
    });
  });

  it('a per-minute rate limit gives RateLimitError with retryAfter', async () => {
    const client = gw.client();
    const sub = await client.subAccounts.create({ name: 'limited', rate_limit_rpm: 1 });
    const customer = client.withOptions({ apiKey: sub.key, maxRetries: 0 });
    await customer.models.list();
    const error = await customer.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeGreaterThan(0);
  });

  it('a sub-account key may not manage sub-accounts', async () => {
    const client = gw.client();
    const sub = await client.subAccounts.create({ name: 'no-admin' });
    await expect(client.withOptions({ apiKey: sub.key }).subAccounts.list()).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('checks caps, limits and tags before sending', async () => {
    const client = gw.client();
    const before = gw.control.requests().length;
    const error = await client.subAccounts
      .create({ name: '', spend_cap_cents: -1, rate_limit_rpm: 0.5, default_tag: 'bad tag' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).issues.map((i) => i.path)).toEqual([
      'name',
      'spend_cap_cents',
      'rate_limit_rpm',
      'default_tag',
    ]);
    await expect(client.subAccounts.retrieve('')).rejects.toThrow(/subAccounts\.retrieve/);
    expect(gw.control.requests().length).toBe(before);
  });
});
