import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { price } from '../../../src/domains/accounts/metering.js';
import { modelSpec } from '../../../src/domains/catalog/catalog.js';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

describe('metering and usage by tag', () => {
  it('prices every billable request from the catalog and records it with its tag, model and request id', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: { model: 'anthropic/claude-opus', messages: [{ role: 'user', content: 'x'.repeat(400) }] },
      headers: { 'x-aig-tag': 'summarize' },
    });
    const body = await res.json();
    const charge = gw.control.charges().find((c) => c.request_id === res.headers.get('x-request-id'));
    const spec = modelSpec('anthropic/claude-opus-4.7')!;
    const expected = price(
      spec,
      { input_tokens: body.usage.prompt_tokens, output_tokens: body.usage.completion_tokens },
      false,
    );
    expect(charge).toMatchObject({
      model: 'anthropic/claude-opus-4.7',
      tag: 'summarize',
      sub_account_id: null,
      cost_cents: expected,
      byok: false,
    });
    expect(expected).toBeCloseTo(
      (body.usage.prompt_tokens * 500 + body.usage.completion_tokens * 2500) / 1e6,
      3,
    );
  });

  it('meters BYOK requests (x-byok-<provider>) at 5%, and never echoes the key', async () => {
    const body = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'y'.repeat(4000) }] };
    const list = await gw.call('POST', '/v1/chat/completions', {
      body,
      headers: { 'x-aig-tag': 'byok-test' },
    });
    const byok = await gw.call('POST', '/v1/chat/completions', {
      body,
      headers: { 'x-aig-tag': 'byok-test', 'x-byok-openai': 'sk-proj-SECRET' },
    });
    const full = gw.control.charges().find((c) => c.request_id === list.headers.get('x-request-id'))!;
    const metered = gw.control.charges().find((c) => c.request_id === byok.headers.get('x-request-id'))!;
    expect(metered.byok).toBe(true);
    expect(metered.cost_cents).toBeCloseTo(full.cost_cents * 0.05, 3);
    expect(JSON.stringify(gw.control.requests())).not.toContain('SECRET');
    const other = await gw.call('POST', '/v1/chat/completions', {
      body,
      headers: { 'x-byok-anthropic': 'sk-ant-x' },
    });
    expect(gw.control.charges().find((c) => c.request_id === other.headers.get('x-request-id'))?.byok).toBe(
      false,
    );
  });

  it('reports spend per tag for a month', async () => {
    const fresh = await startGateway();
    try {
      const chat = (tag?: string) =>
        fresh.call('POST', '/v1/embeddings', {
          body: { model: 'openai/text-embedding-3-small', input: 'hello world' },
          headers: tag ? { 'x-aig-tag': tag } : {},
        });
      await chat('search');
      await chat('search');
      await chat();
      const usage = await (await fresh.call('GET', '/v1/usage/by-tag')).json();
      expect(usage.total_requests).toBe(3);
      const search = usage.data.find((r: { tag: string | null }) => r.tag === 'search');
      expect(search).toMatchObject({ requests: 2, input_tokens: 6, output_tokens: 0, byok_requests: 0 });
      expect(usage.data.find((r: { tag: string | null }) => r.tag === null)?.requests).toBe(1);
      const empty = await (await fresh.call('GET', '/v1/usage/by-tag?month=2020-01')).json();
      expect(empty).toMatchObject({ month: '2020-01', total_cents: 0, total_requests: 0, data: [] });
      expect((await fresh.call('GET', '/v1/usage/by-tag?month=2026-13')).status).toBe(400);
      expect((await fresh.call('GET', '/v1/models', { headers: { 'x-aig-tag': 'bad tag!' } })).status).toBe(
        400,
      );
    } finally {
      await fresh.close();
    }
  });

  it('bills async jobs on completion and not when they fail', async () => {
    const job = await (
      await gw.call('POST', '/v1/videos/generations', {
        body: { model: 'google/veo-3', prompt: 'x', duration: 3 },
      })
    ).json();
    expect(job.cost_cents).toBe(0);
    await gw.control.advance(10);
    const done = await (await gw.call('GET', `/v1/jobs/${job.id}`)).json();
    expect(done.cost_cents).toBe(120);
    expect(
      gw.control
        .charges()
        .filter((c) => c.request_id === job.request_id)
        .map((c) => c.cost_cents),
    ).toEqual([120]);
  });
});
