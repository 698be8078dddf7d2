import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreCandidates } from '../../../src/domains/evals/scoring.js';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const dataset = [
  { input: 'Summarise: the router failed over', expected: 'router' },
  { input: 'What is 2+2?', expected: '4' },
];

describe('evals', () => {
  it('runs on the clock, then routes eval:<id> to the winner', async () => {
    const res = await gw.call('POST', '/v1/evals', {
      body: {
        name: 'prod-summarize',
        candidate_models: ['anthropic/claude-opus-4.7', 'moonshot/kimi-k2.6'],
        dataset,
        metric: 'quality',
      },
    });
    expect(res.status).toBe(201);
    const run = await res.json();
    expect(run).toMatchObject({
      status: 'queued',
      winner: null,
      scores: [],
      alias: `eval:${run.id}`,
      dataset_size: 2,
    });
    const early = await gw.call('POST', '/v1/chat/completions', {
      body: { model: run.alias, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(early.status).toBe(400);
    expect((await early.json()).error).toMatchObject({ code: 'invalid_value', param: 'model' });
    await gw.control.advance(0.6);
    expect((await (await gw.call('GET', `/v1/evals/${run.id}`)).json()).status).toBe('running');
    await gw.control.advance(5);
    const done = await (await gw.call('GET', `/v1/evals/${run.id}`)).json();
    expect(done.status).toBe('completed');
    expect(done.scores).toHaveLength(2);
    expect(done.winner).toBe(done.scores[0].model);
    const routed = await (
      await gw.call('POST', '/v1/chat/completions', {
        body: { model: run.alias, messages: [{ role: 'user', content: 'hi' }] },
      })
    ).json();
    expect(routed.model).toBe(done.winner);
    const list = await (await gw.call('GET', '/v1/evals')).json();
    expect(list.data[0].id).toBe(run.id);
  });

  it('bills the candidates when the run completes', async () => {
    const res = await gw.call('POST', '/v1/evals', {
      body: {
        name: 'bill',
        candidate_models: ['openai/gpt-5.4', 'openai/gpt-5.4-mini'],
        dataset,
        metric: 'cost',
      },
    });
    const requestId = res.headers.get('x-request-id');
    const billed = () => gw.control.charges().filter((c) => c.request_id === requestId);
    expect(billed()).toHaveLength(0);
    await gw.control.advance(10);
    expect(
      billed()
        .map((c) => c.model)
        .sort(),
    ).toEqual(['openai/gpt-5.4', 'openai/gpt-5.4-mini']);
  });

  it('scores deterministically per metric; cost and latency favour the cheap, fast model', () => {
    const input = {
      name: 'x',
      candidate_models: ['anthropic/claude-opus-4.7', 'meta/llama-4-maverick'],
      dataset,
      metric: 'cost' as const,
    };
    expect(scoreCandidates(input)).toEqual(scoreCandidates(input));
    expect(scoreCandidates(input)[0]?.model).toBe('meta/llama-4-maverick');
    expect(scoreCandidates({ ...input, metric: 'latency' })[0]?.model).toBe('meta/llama-4-maverick');
    expect(scoreCandidates({ ...input, metric: 'quality' })[0]?.model).toBe('anthropic/claude-opus-4.7');
    for (const s of scoreCandidates({ ...input, metric: 'exact_match' }))
      expect(s.score).toBeGreaterThanOrEqual(0);
  });

  it('404s for unknown runs and names a bad candidate', async () => {
    const unknown = await gw.call('POST', '/v1/chat/completions', {
      body: { model: 'eval:eval_nope', messages: [{ role: 'user', content: 'x' }] },
    });
    expect(unknown.status).toBe(404);
    const bad = await gw.call('POST', '/v1/evals', {
      body: { name: 'x', candidate_models: ['openai/gpt-5.4', 'suno/v5'], dataset, metric: 'quality' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'wrong_endpoint', param: 'candidate_models[1]' });
  });

  it('eval=fail: the run ends failed on the clock with error, is not charged, and its alias says so', async () => {
    const res = await gw.call('POST', '/v1/evals', {
      body: {
        name: 'flaky',
        candidate_models: ['anthropic/claude-opus-4.7', 'openai/gpt-5.4'],
        dataset,
        metric: 'quality',
      },
      headers: { 'x-aig-fault': 'eval=fail' },
    });
    expect(res.status).toBe(201);
    const run = await expectContract(res, 'POST', '/v1/evals');
    expect(run).toMatchObject({ status: 'queued', error: null, completed_at: null });
    const get = async () =>
      expectContract(await gw.call('GET', `/v1/evals/${run.id}`), 'GET', '/v1/evals/{id}');
    await gw.control.advance(0.6);
    expect(await get()).toMatchObject({ status: 'running', error: null });
    await gw.control.advance(5);
    const failed = await get();
    expect(failed).toMatchObject({
      status: 'failed',
      winner: null,
      scores: [],
      completed_at: expect.any(Number),
      error: { code: 'provider_error', message: expect.stringContaining('anthropic/claude-opus-4.7') },
    });
    expect(failed.error).toMatchObject({ message: expect.stringContaining('POST /v1/evals') });
    const listed = await expectContract(await gw.call('GET', '/v1/evals'), 'GET', '/v1/evals');
    expect((listed.data as { id: string; status: string }[]).find((r) => r.id === run.id)?.status).toBe(
      'failed',
    );
    expect(gw.control.charges().filter((c) => c.request_id === res.headers.get('x-request-id'))).toEqual([]);
    const routed = await gw.call('POST', '/v1/chat/completions', {
      body: { model: run.alias, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(routed.status).toBe(400);
    expect((await routed.json()).error).toMatchObject({
      code: 'invalid_value',
      param: 'model',
      message: expect.stringContaining('failed'),
    });
  });

  it('eval=fail also works as a control-API fault rule', async () => {
    gw.control.addFault({ path: '/v1/evals', method: 'POST', fault: 'eval=fail', count: 1 });
    const body = {
      name: 'rule',
      candidate_models: ['openai/gpt-5.4', 'moonshot/kimi-k2.6'],
      dataset,
      metric: 'cost',
    };
    const failing = await (await gw.call('POST', '/v1/evals', { body })).json();
    const fine = await (await gw.call('POST', '/v1/evals', { body })).json();
    await gw.control.advance(10);
    const status = async (id: string) => (await (await gw.call('GET', `/v1/evals/${id}`)).json()).status;
    expect(await status(failing.id)).toBe('failed');
    expect(await status(fine.id)).toBe('completed');
  });
});
