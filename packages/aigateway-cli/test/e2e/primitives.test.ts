import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, useGateway } from '../helpers/gateway.js';

const g = useGateway();

describe('aig usage', () => {
  it('shows spend per tag, human and --json', async () => {
    await g.aig(['--tag', 'summarize', 'call', 'openai/gpt-5.4', 'one', '--no-stream']);
    await g.aig(['call', 'openai/gpt-5.4', 'two', '--no-stream']);
    const human = await g.aig(['usage']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Spend for \d{4}-\d{2}: \$[\d.]+ over \d+ requests/);
    expect(human.stdout).toMatch(/\nsummarize\s+1\s+\$/);
    expect(human.stdout).toContain('(untagged)');
    const doc = json<{
      object: string;
      month: string;
      data: Array<{ tag: string | null; requests: number }>;
    }>(await g.aig(['usage', '--json']));
    expect(doc.object).toBe('usage.by_tag');
    expect(doc.data.find((r) => r.tag === 'summarize')?.requests).toBe(1);
    const past = json<{ month: string; data: unknown[] }>(
      await g.aig(['usage', '--month', '2020-01', '--json']),
    );
    expect(past).toMatchObject({ month: '2020-01', data: [] });
  });
});

describe('aig sub-account', () => {
  it('creates (showing the key once), lists, gets, updates and deletes', async () => {
    const created = await g.aig([
      'sub-account',
      'create',
      '--name',
      'acme',
      '--spend-cap-cents',
      '1000',
      '--default-tag',
      'acme',
    ]);
    expect(created.code).toBe(0);
    const [, id] = created.stdout.match(/^(sa_[0-9a-f]+) {2}acme\n/) ?? [];
    expect(id).toBeDefined();
    expect(created.stdout).toMatch(/Key \(shown once, store it now\): sk-aig-sub-\S+\n$/);
    expect(created.stdout).toContain('spend cap $10.00/month');

    const list = await g.aig(['sub-account', 'list']);
    expect(list.stdout).toMatch(
      new RegExp(
        `^ID\\s+NAME\\s+SPENT\\s+CAP\\s+RPM\\s+DEFAULT TAG\\n${id}\\s+acme\\s+\\$0\\.00\\s+\\$10\\.00`,
      ),
    );
    const listed = json<{ object: string; data: Array<{ id: string }> }>(
      await g.aig(['sub-account', 'list', '--json']),
    );
    expect(listed.data.map((s) => s.id)).toContain(id);

    const got = json<{ id: string; spend_cap_cents: number }>(
      await g.aig(['sub-account', 'get', id as string, '--json']),
    );
    expect(got).toMatchObject({ id, spend_cap_cents: 1000 });
    expect(got).not.toHaveProperty('key');

    const updated = await g.aig([
      'sub-account',
      'update',
      id as string,
      '--spend-cap-cents',
      'none',
      '--rpm',
      '30',
    ]);
    expect(updated.stdout).toContain('spend cap none');
    expect(updated.stdout).toContain('rate limit 30 rpm');
    const updatedJson = json<{ rate_limit_rpm: number; spend_cap_cents: null }>(
      await g.aig(['sub-account', 'update', id as string, '--rpm', '60', '--json']),
    );
    expect(updatedJson).toMatchObject({ rate_limit_rpm: 60, spend_cap_cents: null });

    const deleted = await g.aig(['sub-account', 'delete', id as string, '--yes']);
    expect(deleted.stdout).toBe(`Deleted ${id}\n`);
    const gone = await g.aig(['sub-account', 'get', id as string]);
    expect(gone.code).toBe(5);
  });

  it('prints the created sub-account with its key as JSON', async () => {
    const doc = json<{ id: string; key: string; object: string }>(
      await g.aig(['sub-account', 'create', '--name', 'json-co', '--metadata', '{"plan":"pro"}', '--json']),
    );
    expect(doc.object).toBe('sub_account');
    expect(doc.key).toMatch(/^sk-aig-sub-/);
    const deleted = json<{ deleted: boolean }>(
      await g.aig(['sub-account', 'delete', doc.id, '--yes', '--json']),
    );
    expect(deleted.deleted).toBe(true);
  });
});

describe('aig eval', () => {
  it('runs an eval, waits for the winner and prints the alias; get shows the same', async () => {
    const dataset = join(g.cwd, 'qa.jsonl');
    await writeFile(
      dataset,
      '{"input":"2+2?","expected":"4"}\n{"input":"Capital of France?","expected":"Paris"}\n',
    );
    const args = [
      'eval',
      'run',
      '--name',
      'qa',
      '--candidates',
      'openai/gpt-5.4,moonshot/kimi-k2.6',
      '--dataset',
      dataset,
    ];
    const r = await g.aig([...args, '--metric', 'contains', '--wait']);
    expect(r.code).toBe(0);
    const [, id] = r.stdout.match(/^(eval_[0-9a-f]+) {2}qa {2}completed/) ?? [];
    expect(id).toBeDefined();
    expect(r.stdout).toMatch(/MODEL\s+SCORE\s+LATENCY\s+COST\s+SAMPLES/);
    expect(r.stdout).toMatch(/winner (openai\/gpt-5\.4|moonshot\/kimi-k2\.6)\n/);
    expect(r.stdout).toContain(`alias  eval:${id}`);

    const got = json<{ id: string; status: string; alias: string; winner: string }>(
      await g.aig(['eval', 'get', id as string, '--json']),
    );
    expect(got).toMatchObject({ id, status: 'completed', alias: `eval:${id}` });
    const routed = await g.aig(['call', `eval:${id}`, 'hi', '--no-stream']);
    expect(routed.stdout).toContain(got.winner);

    const started = json<{ status: string; alias: string }>(await g.aig([...args, '--json']));
    expect(['queued', 'running', 'completed']).toContain(started.status);
    const human = await g.aig(['eval', 'get', id as string]);
    expect(human.stdout).toContain(`alias  eval:${id}`);
  });
});

describe('aig eval run --wait on a run the gateway fails', () => {
  it('exits 7 with the gateway’s reason and code (one JSON or human line); eval get shows it', async () => {
    const dataset = join(g.cwd, 'fail.json');
    await writeFile(dataset, JSON.stringify([{ input: 'hi', expected: 'hello' }]));
    const args = ['eval', 'run', '--name', 'doomed', '--candidates', 'openai/gpt-5.4,moonshot/kimi-k2.6'];
    const run = [...args, '--dataset', dataset, '--wait'];
    // aig sends no fault header, so a control-API rule fails the next run this emulator creates.
    const failNextRun = () =>
      g.gw.control.addFault({ path: '/v1/evals', method: 'POST', fault: 'eval=fail', count: 1 });

    failNextRun();
    const r = await g.bin([...run, '--json']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const { error } = JSON.parse(lines[0] as string) as { error: { eval_id: string } };
    const failed = json<{ status: string; winner: null; error: { code: string; message: string } }>(
      await g.aig(['eval', 'get', error.eval_id, '--json']),
    );
    expect(failed).toMatchObject({ status: 'failed', winner: null, error: { code: 'provider_error' } });
    expect(failed.error.message).toMatch(/^openai kept failing while openai\/gpt-5\.4 was graded/);
    // The gateway's advice names its endpoint (POST /v1/evals); aig names its own command instead.
    const inAigTerms = failed.error.message.replace('POST /v1/evals', 'aig eval run');
    expect(inAigTerms).not.toBe(failed.error.message);
    expect(error).toEqual({
      code: 'eval_failed',
      message:
        `Eval run ${error.eval_id} (doomed) failed with provider_error: ${inAigTerms} ` +
        `See it with aig eval get ${error.eval_id}; start a new run with aig eval run.`,
      exit_code: 7,
      status: null,
      type: null,
      request_id: null,
      eval_id: expect.stringMatching(/^eval_\w+$/),
      reason_code: 'provider_error',
      reason: failed.error.message,
    });

    const shown = await g.aig(['eval', 'get', error.eval_id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      `${error.eval_id}  doomed  failed  metric quality  1 items\n` +
        `error  provider_error: ${inAigTerms}\n` +
        'winner (none: the run failed)\n' +
        `alias  eval:${error.eval_id}  (routes nowhere: start a new run with aig eval run)\n`,
    );

    failNextRun();
    const human = await g.aig(run);
    expect(human.code).toBe(7);
    expect(human.stdout).toBe('');
    // The run's id comes first (so an interrupted wait never loses it), maybe progress, then the error line.
    expect(human.stderr).toMatch(
      /^Started (eval_\w+); waiting for its scores\. Ctrl-C stops waiting, not the run\.\n(?:\1 (?:queued|running) .*\n)*error: Eval run \1 \(doomed\) failed with provider_error: openai kept failing while openai\/gpt-5\.4 was graded;.+ You were not charged\. See it with aig eval get \1; start a new run with aig eval run\.\n$/,
    );
  });
});

describe('aig replay', () => {
  it('re-runs a past request on another model', async () => {
    const original = await g.aig(['--verbose', 'call', 'openai/gpt-5.4', 'replay me', '--no-stream']);
    const ids = [...original.stderr.matchAll(/request id (req_[0-9a-f]{24})/g)].map((m) => m[1]);
    const source = ids.at(-1) as string;
    expect(source).toBeDefined();
    const r = await g.aig(['replay', source, '--target-model', 'anthropic/claude-opus-4.7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Emulated reply from anthropic/claude-opus-4.7');
    expect(r.stderr).toContain(`Replayed ${source} (openai/gpt-5.4) on anthropic/claude-opus-4.7`);
    const doc = json<{ object: string; source_request_id: string; target_model: string }>(
      await g.aig(['replay', source, '--target-model', 'moonshot/kimi-k2.6', '--json']),
    );
    expect(doc).toMatchObject({
      object: 'replay',
      source_request_id: source,
      target_model: 'moonshot/kimi-k2.6',
    });
  });

  it('replays the request_id that aig call --json prints', async () => {
    const called = json<{ object: string; request_id: string }>(
      await g.aig(['call', 'openai/gpt-5.4', 'replay my JSON', '--json']),
    );
    expect(called.object).toBe('chat.completion');
    expect(called.request_id).toMatch(/^req_[0-9a-f]{24}$/);
    const doc = json<{ source_request_id: string; source_model: string }>(
      await g.aig(['replay', called.request_id, '--target-model', 'moonshot/kimi-k2.6', '--json']),
    );
    expect(doc).toMatchObject({ source_request_id: called.request_id, source_model: 'openai/gpt-5.4' });
  });
});

describe('aig jobs', () => {
  it('gets and waits for a job, downloading the result', async () => {
    const id = (await g.aig(['call', 'suno/v5', 'a tune', '--no-wait'])).stdout.trim();
    const got = await g.aig(['jobs', 'get', id]);
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(new RegExp(`^${id} {2}music {2}suno/v5 {2}(queued|running|completed)`));
    const out = join(g.cwd, 'tune.wav');
    const waited = await g.aig(['jobs', 'wait', id, '--out', out]);
    expect(waited.code).toBe(0);
    // The result's path on stdout, as aig call prints it; the job's state without --out.
    expect(waited.stdout).toBe(`${out}\n`);
    expect(waited.stderr).toMatch(/Saved audio\/\S+ \(\d+ bytes\) to /);
    expect((await g.aig(['jobs', 'wait', id])).stdout).toMatch(/completed {2}100%/);
    const doc = json<{ id: string; status: string }>(await g.aig(['jobs', 'wait', id, '--json']));
    expect(doc).toMatchObject({ id, status: 'completed' });
    const snapshot = json<{ id: string; object: string }>(await g.aig(['jobs', 'get', id, '--json']));
    expect(snapshot).toMatchObject({ id, object: 'job' });
  });
});
