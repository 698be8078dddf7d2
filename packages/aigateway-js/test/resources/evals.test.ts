import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalFailedError, InputValidationError } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

const candidates = ['anthropic/claude-opus-4.7', 'moonshot/kimi-k2.6'];
const dataset = [
  { input: 'Summarize: the meeting moved to Friday.', expected: 'Meeting moved to Friday.' },
  { input: [{ role: 'user' as const, content: 'Summarize: sales rose 4%.' }], expected: 'Sales rose 4%.' },
];

describe.each<Transport>(['loopback', 'msw'])('evals over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport, { timeScale: 1000 });
  });
  afterAll(() => gw.close());

  it('creates a run, waits for the winner and routes chat through its alias', async () => {
    const client = gw.client();
    const run = await client.evals.create({
      name: 'summarize',
      candidate_models: candidates,
      dataset,
      metric: 'quality',
    });
    expect(run).toMatchObject({ object: 'eval', alias: `eval:${run.id}`, dataset_size: 2 });
    const done = await client.evals.wait(run.id, { pollInterval: 20 });
    expect(done.status).toBe('completed');
    expect(candidates).toContain(done.winner);
    expect(done.scores.map((s) => s.model).sort()).toEqual([...candidates].sort());
    const routed = await client.chat.completions.create({
      model: done.alias,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(routed.model).toBe(done.winner);
    const listed = await client.evals.list({ limit: 10 });
    expect(listed.data.map((r) => r.id)).toContain(run.id);
    expect((await client.evals.retrieve(run.id)).winner).toBe(done.winner);
  });

  it("a failed run throws EvalFailedError with the gateway's reason in its message", async () => {
    const client = gw.client();
    const run = await client.evals.create(
      { name: 'doomed', candidate_models: candidates, dataset, metric: 'quality' },
      { headers: { 'x-aig-fault': 'eval=fail' } },
    );
    const error = await client.evals.wait(run.id, { pollInterval: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvalFailedError);
    const failed = error as EvalFailedError;
    const final = await client.evals.retrieve(run.id);
    expect(final.status).toBe('failed');
    expect(final.error?.message).toBeTruthy();
    expect(failed.run).toEqual(final);
    expect(failed.message).toBe(`Eval run ${run.id} failed: ${final.error?.message}`);
    expect(failed).toMatchObject({ code: final.error?.code, reason: final.error?.message });
  });

  it('checks candidates, dataset and metric before sending', async () => {
    const error = await gw
      .client()
      .evals.create({ name: 'x', candidate_models: ['only/one'], dataset: [], metric: 'quality' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).message).toMatch(
      /candidate_models: must have 2–10 items, got 1; dataset: must have 1–1000 items, got 0/,
    );
  });
});
