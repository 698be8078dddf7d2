import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, mcpClient, startGateway, type TestGateway } from '../../helpers.js';

// The FAQ: "Enforcement runs before dispatch, so you are never charged for the blocked request."
// runwayml/gen-4 is 5¢ a second, so a 3-second video is 15¢.
const video = { model: 'runwayml/gen-4', prompt: 'a sunset over mountains', duration: 3 };

let gw: TestGateway;
beforeAll(async () => {
  // Real time (scale 1): jobs stay in flight until the test moves the clock.
  gw = await startGateway({ streamChunkDelayMs: 5 });
});
afterAll(() => gw.close());

interface SubAccount {
  id: string;
  key: string;
  spent_cents: number;
  reserved_cents: number;
}

async function subAccount(cap: number, tag?: string): Promise<SubAccount> {
  const res = await gw.call('POST', '/v1/sub-accounts', {
    body: { name: `cap-${cap}`, spend_cap_cents: cap, ...(tag ? { default_tag: tag } : {}) },
  });
  return (await res.json()) as SubAccount;
}

const read = async (id: string): Promise<SubAccount> =>
  (await (await gw.call('GET', `/v1/sub-accounts/${id}`)).json()) as SubAccount;

describe('spend caps hold for async jobs, eval runs, streams and MCP tool calls', () => {
  it('20 concurrent 15¢ videos against a 100¢ cap: 6 start, 14 get 402, spent + reserved never passes 100¢', async () => {
    const sa = await subAccount(100, 'videos');
    const samples: number[] = [];
    let running = true;
    // Samples the sub-account over loopback while the 20 requests are in flight.
    const sampler = (async () => {
      while (running) {
        const now = await read(sa.id);
        samples.push(now.spent_cents + now.reserved_cents);
      }
    })();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video }),
      ),
    );
    running = false;
    await sampler;
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(6);
    expect(statuses.filter((s) => s === 402)).toHaveLength(14);
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(100);
    expect(await read(sa.id)).toMatchObject({ spent_cents: 0, reserved_cents: 90 });

    // Settled on completion: the reservations become charges, reported by the sub-account and by tag.
    await gw.control.advance(30);
    expect(await read(sa.id)).toMatchObject({ spent_cents: 90, reserved_cents: 0 });
    const usage = await (await gw.call('GET', '/v1/usage/by-tag', { key: sa.key })).json();
    expect(usage.data).toEqual([expect.objectContaining({ tag: 'videos', requests: 6, cost_cents: 90 })]);
    const job = await (
      await gw.call('GET', `/v1/jobs/${(await responses.find((r) => r.status === 202)!.json()).id}`, {
        key: sa.key,
      })
    ).json();
    expect(job).toMatchObject({ status: 'completed', cost_cents: 15 });

    // 10 ¢ left: a 15¢ video is refused, a 2-second (10¢) one fits exactly.
    expect((await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(402);
    const fits = await gw.call('POST', '/v1/videos/generations', {
      key: sa.key,
      body: { ...video, duration: 2 },
    });
    expect(fits.status).toBe(202);
    expect(await read(sa.id)).toMatchObject({ spent_cents: 90, reserved_cents: 10 });
  });

  it('402 says cap, spent, reserved, price and reset in the body and the x-aig-spend-* headers', async () => {
    const sa = await subAccount(20);
    expect((await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(202);
    const charges = gw.control.charges().length;
    const blocked = await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video });
    expect(blocked.status).toBe(402);
    const { error } = await expectContract<{ error: Record<string, unknown> }>(
      blocked,
      'POST',
      '/v1/videos/generations',
    );
    expect(error).toMatchObject({
      type: 'budget_exceeded',
      code: 'budget_exceeded',
      spend_cap_cents: 20,
      spent_cents: 0,
      reserved_cents: 15,
      price_cents: 15,
      sub_account_id: sa.id,
    });
    expect(error.message).toContain(`PATCH /v1/sub-accounts/${sa.id}`);
    expect(error.resets_at).toBeGreaterThan(gw.control.now());
    expect({
      cap: blocked.headers.get('x-aig-spend-cap-cents'),
      spent: blocked.headers.get('x-aig-spent-cents'),
      reserved: blocked.headers.get('x-aig-reserved-cents'),
      reset: blocked.headers.get('x-aig-spend-cap-reset'),
    }).toEqual({ cap: '20', spent: '0', reserved: '15', reset: String(error.resets_at) });
    expect(gw.control.charges()).toHaveLength(charges);
    expect(gw.control.jobs().filter((j) => j.request_id === blocked.headers.get('x-request-id'))).toEqual([]);
  });

  it('a failed job releases its reservation and is not charged', async () => {
    const sa = await subAccount(20);
    const failing = await gw.call('POST', '/v1/videos/generations', {
      key: sa.key,
      body: video,
      headers: { 'x-aig-fault': 'job=fail' },
    });
    expect(failing.status).toBe(202);
    expect(await read(sa.id)).toMatchObject({ spent_cents: 0, reserved_cents: 15 });
    expect((await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(402);
    await gw.control.advance(30);
    const job = await (await gw.call('GET', `/v1/jobs/${(await failing.json()).id}`)).json();
    expect(job).toMatchObject({ status: 'failed', cost_cents: 0 });
    expect(await read(sa.id)).toMatchObject({ spent_cents: 0, reserved_cents: 0 });
    expect((await gw.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(202);
  });

  it('an eval run reserves its whole price when created: 402 past the cap, charged on completion, released on failure', async () => {
    const run = {
      name: 'capped',
      candidate_models: ['anthropic/claude-opus-4.7', 'openai/gpt-5.4'],
      metric: 'quality',
      dataset: Array.from({ length: 40 }, (_, i) => ({ input: `Summarise item ${i}`, expected: 'item' })),
    };
    const roomy = await subAccount(100_000);
    const first = await gw.call('POST', '/v1/evals', { key: roomy.key, body: run });
    expect(first.status).toBe(201);
    const price = (await read(roomy.id)).reserved_cents;
    expect(price).toBeGreaterThan(0);
    expect((await read(roomy.id)).spent_cents).toBe(0);
    await gw.control.advance(30);
    const done = await (await gw.call('GET', `/v1/evals/${(await first.json()).id}`, { key: roomy.key })).json();
    expect(done.status).toBe('completed');
    const charged = done.scores.reduce((sum: number, s: { cost_cents: number }) => sum + s.cost_cents, 0);
    expect(charged).toBeCloseTo(price, 2);
    expect(await read(roomy.id)).toMatchObject({ spent_cents: price, reserved_cents: 0 });

    // Room for one run and a half: the second is refused before it is queued, naming its price.
    const tight = await subAccount(Math.ceil(price * 1.5));
    const failing = await gw.call('POST', '/v1/evals', {
      key: tight.key,
      body: run,
      headers: { 'x-aig-fault': 'eval=fail' },
    });
    expect(failing.status).toBe(201);
    const runs = gw.control.charges().length;
    const blocked = await gw.call('POST', '/v1/evals', { key: tight.key, body: run });
    expect(blocked.status).toBe(402);
    expect((await blocked.json()).error).toMatchObject({
      code: 'budget_exceeded',
      reserved_cents: price,
      price_cents: price,
    });
    expect((await (await gw.call('GET', '/v1/evals', { key: tight.key })).json()).data).toHaveLength(1);
    // The failed run costs nothing and gives its reservation back.
    await gw.control.advance(30);
    expect(await read(tight.id)).toMatchObject({ spent_cents: 0, reserved_cents: 0 });
    expect(gw.control.charges()).toHaveLength(runs);
    expect((await gw.call('POST', '/v1/evals', { key: tight.key, body: run })).status).toBe(201);
  });

  it('a stream holds its price while open, is charged after [DONE], and released when it fails', async () => {
    const sa = await subAccount(100);
    const chat = {
      model: 'anthropic/claude-opus-4.7',
      messages: [{ role: 'user', content: 'word '.repeat(4000) }],
      stream: true,
    };
    const res = await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chat });
    expect(res.status).toBe(200);
    const open = await read(sa.id);
    expect(open.spent_cents).toBe(0);
    expect(open.reserved_cents).toBeGreaterThan(0);
    await res.text();
    expect(await read(sa.id)).toMatchObject({ spent_cents: open.reserved_cents, reserved_cents: 0 });

    const failed = await gw.call('POST', '/v1/chat/completions', {
      key: sa.key,
      body: chat,
      headers: { 'x-aig-fault': 'stream-error=2' },
    });
    expect(await failed.text()).toContain('provider_error');
    expect(await read(sa.id)).toMatchObject({ spent_cents: open.reserved_cents, reserved_cents: 0 });

    // A stream that does not fit is refused before any byte of it is sent.
    const tight = await subAccount(Math.floor(open.reserved_cents));
    const refused = await gw.call('POST', '/v1/chat/completions', { key: tight.key, body: chat });
    expect(refused.status).toBe(402);
    expect((await refused.json()).error).toMatchObject({
      price_cents: open.reserved_cents,
      reserved_cents: 0,
    });
    expect(await read(tight.id)).toMatchObject({ spent_cents: 0, reserved_cents: 0 });
  });

  it('MCP tool calls follow the same rule: generate_video past the cap is a budget_exceeded tool error', async () => {
    const sa = await subAccount(20);
    const client = await mcpClient(gw.origin, sa.key);
    try {
      const first = (await client.callTool({ name: 'generate_video', arguments: video })) as CallToolResult;
      expect(first.isError).toBe(false);
      const second = (await client.callTool({ name: 'generate_video', arguments: video })) as CallToolResult;
      expect(second.isError).toBe(true);
      expect((second.structuredContent as { error: Record<string, unknown> }).error).toMatchObject({
        code: 'budget_exceeded',
        reserved_cents: 15,
        price_cents: 15,
        spend_cap_cents: 20,
      });
      expect(await read(sa.id)).toMatchObject({ spent_cents: 0, reserved_cents: 15 });
    } finally {
      await client.close();
    }
  });
});

describe('reservations in the --state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aig-caps-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a job in flight keeps its reservation across a restart and settles after it', async () => {
    const options = { stateFile: join(dir, 'state.json'), apiKey: 'sk-aig-caps' };
    const first = await startGateway(options);
    const sa = (await (
      await first.call('POST', '/v1/sub-accounts', { body: { name: 'kept', spend_cap_cents: 20 } })
    ).json()) as SubAccount;
    expect((await first.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(
      202,
    );
    await first.close();
    const saved = JSON.parse(await readFile(options.stateFile, 'utf8'));
    expect(saved.reservations).toEqual([
      expect.objectContaining({ sub_account_id: sa.id, cents: 15, job_id: expect.stringMatching(/^job_/) }),
    ]);

    const second = await startGateway(options);
    try {
      const get = async () =>
        (await (await second.call('GET', `/v1/sub-accounts/${sa.id}`)).json()) as SubAccount;
      expect(await get()).toMatchObject({ spent_cents: 0, reserved_cents: 15 });
      expect((await second.call('POST', '/v1/videos/generations', { key: sa.key, body: video })).status).toBe(
        402,
      );
      await second.control.advance(30);
      expect(await get()).toMatchObject({ spent_cents: 15, reserved_cents: 0 });
    } finally {
      await second.close();
    }
  });
});
