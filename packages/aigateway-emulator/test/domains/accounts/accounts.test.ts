import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

const chat = {
  model: 'anthropic/claude-opus-4.7',
  messages: [{ role: 'user', content: 'Summarise this ticket' }],
};

async function subAccount(body: Record<string, unknown>) {
  const res = await gw.call('POST', '/v1/sub-accounts', { body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string; key_prefix: string; spent_cents: number };
}

describe('keys and sub-accounts', () => {
  it('a 401 says how to get a key and never echoes the one sent', async () => {
    const res = await gw.call('GET', '/v1/models', { key: 'sk-aig-not-a-real-key-123' });
    const body = await res.json();
    expect(res.status).toBe(401);
    expect(body.error.message).toMatch(/Authorization: Bearer/);
    expect(JSON.stringify(body)).not.toContain('not-a-real-key');
  });

  it('mints a key once; the key works everywhere a key does; list, retrieve, update, delete', async () => {
    const sa = await subAccount({
      name: 'customer-123',
      spend_cap_cents: 10_000,
      default_tag: 'customer-123',
      metadata: { plan: 'pro' },
    });
    expect(sa.key).toMatch(/^sk-aig-sub-/);
    expect(sa.key_prefix).toBe(sa.key.slice(0, 12));
    expect((await gw.call('GET', '/v1/models', { key: sa.key })).status).toBe(200);
    const got = await (await gw.call('GET', `/v1/sub-accounts/${sa.id}`)).json();
    expect(got.key).toBeUndefined();
    expect(got.metadata).toEqual({ plan: 'pro' });
    const patched = await (
      await gw.call('PATCH', `/v1/sub-accounts/${sa.id}`, {
        body: { spend_cap_cents: null, name: 'renamed' },
      })
    ).json();
    expect(patched).toMatchObject({ name: 'renamed', spend_cap_cents: null, default_tag: 'customer-123' });
    const list = await (await gw.call('GET', '/v1/sub-accounts')).json();
    expect(list.data.map((s: { id: string }) => s.id)).toContain(sa.id);
    expect((await gw.call('DELETE', `/v1/sub-accounts/${sa.id}`)).status).toBe(200);
    expect((await gw.call('GET', '/v1/models', { key: sa.key })).status).toBe(401);
    expect((await gw.call('GET', `/v1/sub-accounts/${sa.id}`)).status).toBe(404);
  });

  it('pages the list newest first with limit and starting_after', async () => {
    const fresh = await startGateway();
    try {
      for (const name of ['a', 'b', 'c']) await fresh.call('POST', '/v1/sub-accounts', { body: { name } });
      const page1 = await (await fresh.call('GET', '/v1/sub-accounts?limit=2')).json();
      expect(page1.has_more).toBe(true);
      const page2 = await (
        await fresh.call('GET', `/v1/sub-accounts?limit=2&starting_after=${page1.data[1].id}`)
      ).json();
      expect([...page1.data, ...page2.data].map((s: { name: string }) => s.name).sort()).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(page2.has_more).toBe(false);
      expect((await fresh.call('GET', '/v1/sub-accounts?limit=0')).status).toBe(400);
    } finally {
      await fresh.close();
    }
  });

  it('sub-account keys cannot manage sub-accounts (403)', async () => {
    const sa = await subAccount({ name: 'limited' });
    const res = await gw.call('POST', '/v1/sub-accounts', { key: sa.key, body: { name: 'nested' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.type).toBe('permission_error');
  });

  it('enforces the spend cap before dispatch (402, not charged) and resets at month rollover', async () => {
    const sa = await subAccount({ name: 'capped', spend_cap_cents: 10 });
    const video = { model: 'runwayml/gen-4', prompt: 'x', duration: 2 };
    await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video });
    await gw.control.advance(10);
    const spent = (await (await gw.call('GET', `/v1/sub-accounts/${sa.id}`)).json()).spent_cents;
    expect(spent).toBe(10);
    const charges = gw.control.charges().length;
    const blocked = await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chat });
    expect(blocked.status).toBe(402);
    const { error } = await blocked.json();
    expect(error).toMatchObject({
      type: 'budget_exceeded',
      spend_cap_cents: 10,
      spent_cents: 10,
      reserved_cents: 0,
      sub_account_id: sa.id,
    });
    expect(error.message).toContain(`PATCH /v1/sub-accounts/${sa.id}`);
    expect(gw.control.charges()).toHaveLength(charges);
    expect(error.resets_at).toBeGreaterThan(gw.control.now());
    await gw.control.advance(error.resets_at - gw.control.now() + 1);
    expect((await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chat })).status).toBe(200);
    expect((await (await gw.call('GET', `/v1/sub-accounts/${sa.id}`)).json()).spent_cents).toBeLessThan(1);
  });

  it('raising the cap unblocks the sub-account', async () => {
    const sa = await subAccount({ name: 'zero', spend_cap_cents: 0 });
    expect((await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chat })).status).toBe(402);
    await gw.call('PATCH', `/v1/sub-accounts/${sa.id}`, { body: { spend_cap_cents: 100 } });
    expect((await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chat })).status).toBe(200);
  });

  it('limits requests per minute (429 with Retry-After) on the emulator clock', async () => {
    const sa = await subAccount({ name: 'rpm', rate_limit_rpm: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gw.call('GET', '/v1/models', { key: sa.key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await gw.call('GET', '/v1/models', { key: sa.key });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect((await limited.json()).error.retry_after).toBe(retryAfter);
    expect((await gw.call('GET', '/v1/models')).status).toBe(200);
    await gw.control.advance(retryAfter);
    expect((await gw.call('GET', '/v1/models', { key: sa.key })).status).toBe(200);
  });

  it('applies default_tag and keeps each sub-account usage isolated', async () => {
    const a = await subAccount({ name: 'iso-a', default_tag: 'tenant-a' });
    const b = await subAccount({ name: 'iso-b' });
    await gw.call('POST', '/v1/chat/completions', { key: a.key, body: chat });
    await gw.call('POST', '/v1/chat/completions', {
      key: a.key,
      body: chat,
      headers: { 'x-aig-tag': 'explicit' },
    });
    await gw.call('POST', '/v1/chat/completions', { key: b.key, body: chat });
    const usageA = await (await gw.call('GET', '/v1/usage/by-tag', { key: a.key })).json();
    expect(usageA.data.map((r: { tag: string }) => r.tag).sort()).toEqual(['explicit', 'tenant-a']);
    expect(usageA.total_requests).toBe(2);
    const usageB = await (await gw.call('GET', '/v1/usage/by-tag', { key: b.key })).json();
    expect(usageB.data).toEqual([expect.objectContaining({ tag: null, requests: 1 })]);
    const jobs = await (
      await gw.call('POST', '/v1/audio/music', { key: a.key, body: { model: 'suno/v5', prompt: 'x' } })
    ).json();
    expect((await gw.call('GET', `/v1/jobs/${jobs.id}`, { key: b.key })).status).toBe(404);
    expect((await gw.call('GET', `/v1/jobs/${jobs.id}`, { key: a.key })).status).toBe(200);
    expect((await gw.call('GET', `/v1/jobs/${jobs.id}`)).status).toBe(200);
  });
});
