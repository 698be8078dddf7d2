import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signWebhook } from 'aigateway-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/command-manifest.js';
import { ENVELOPE_KEYS } from '../../src/core/error-details.js';
import { type Gateway, postJson, seedRuns, startGateway, TEST_KEY } from '../helpers/gateway.js';
import type { RunResult } from '../helpers/in-process.js';
import { type LiveProcess, startBin } from '../helpers/spawn.js';

// `--json` through the shipped binary, every command: on success stdout is exactly one JSON document and
// stderr is empty; on error stdout is empty and stderr is exactly one JSON line, the error envelope. One
// emulator serves the file and the cases are independent, so they run side by side.
const SECRET = 'whsec_jsonPURITYneverSHOWN012345';
const fx = { subId: '', doomedSubId: '', jobId: '', evalId: '', requestId: '', jobBody: '' };

let g: Gateway;

beforeAll(async () => {
  g = await startGateway();
  fx.subId = (await postJson<{ id: string }>(g, '/sub-accounts', { name: 'kept' })).id;
  fx.doomedSubId = (await postJson<{ id: string }>(g, '/sub-accounts', { name: 'doomed' })).id;
  Object.assign(
    fx,
    await seedRuns(g, { path: '/audio/music', body: { model: 'suno/v5', prompt: 'a tune' } }),
  );
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  expect(g.transcript()).not.toContain(SECRET);
  await g.close();
});

type Outcome =
  | { ok: Record<string, unknown> }
  | { exit: number; code: string }
  /** `mcp call` of a tool whose result has isError: the result on stdout and the error line (README). */
  | { toolError: number; code: string }
  /** `whoami` with a problem: the status report on stdout and the error line (README). */
  | { report: number; code: string };

interface Case {
  name: string;
  /** `{SUB_ID}`-style placeholders are filled in when the case runs, after the fixtures exist. */
  args: string[];
  outcome: Outcome;
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
}

const dataset = JSON.stringify([{ input: 'hi', expected: 'hello' }]);
const webhook = [
  'webhooks',
  'verify',
  '--secret',
  SECRET,
  '--signature',
  '{SIGNATURE}',
  '--body-file',
  'b.json',
];

const CASES: Case[] = [
  { name: 'init', args: ['init', '--no-scaffold'], outcome: { ok: { dry_run: false } } },
  {
    name: 'init, scaffolding with the language detected',
    args: ['init', '--model', 'openai/gpt-5.4', '--yes'],
    outcome: { ok: { lang: 'ts' } },
  },
  {
    name: 'init, rejected key',
    args: ['--key', 'sk-aig-rejectedKEY00000000', 'init', '--no-scaffold'],
    outcome: { exit: 3, code: 'invalid_api_key' },
  },
  { name: 'models', args: ['models', '--modality', 'rerank'], outcome: { ok: { object: 'list' } } },
  {
    name: 'models, unknown modality',
    args: ['models', '--modality', 'smell'],
    outcome: { exit: 2, code: 'invalid_modality' },
  },
  {
    name: 'call chat',
    args: ['call', 'openai/gpt-5.4', 'hi'],
    outcome: { ok: { object: 'chat.completion' } },
  },
  {
    name: 'call a music job, waiting',
    args: ['call', 'suno/v5', 'a tune', '--out', 'tune.wav'],
    outcome: { ok: { object: 'job', status: 'completed' } },
  },
  {
    name: 'call an image to a file',
    args: ['call', 'black-forest-labs/flux-1-schnell', 'a fox', '--out', 'fox.png'],
    outcome: { ok: { data: expect.any(Array) } },
  },
  {
    name: 'call, unknown model',
    args: ['call', 'nope/nope', 'hi'],
    outcome: { exit: 5, code: 'model_not_found' },
  },
  { name: 'usage', args: ['usage'], outcome: { ok: { object: 'usage.by_tag' } } },
  {
    name: 'usage, bad month',
    args: ['usage', '--month', '2026-13'],
    outcome: { exit: 2, code: 'invalid_month' },
  },
  {
    name: 'sub-account create',
    args: ['sub-account', 'create', '--name', 'json-co'],
    outcome: { ok: { object: 'sub_account', key: expect.stringMatching(/^sk-aig-sub-/) } },
  },
  { name: 'sub-account list', args: ['sub-account', 'list'], outcome: { ok: { object: 'list' } } },
  {
    name: 'sub-account get',
    args: ['sub-account', 'get', '{SUB_ID}'],
    outcome: { ok: { object: 'sub_account' } },
  },
  {
    name: 'sub-account update',
    args: ['sub-account', 'update', '{SUB_ID}', '--rpm', '30'],
    outcome: { ok: { rate_limit_rpm: 30 } },
  },
  {
    name: 'sub-account delete',
    args: ['sub-account', 'delete', '{DOOMED_SUB_ID}', '--yes'],
    outcome: { ok: { deleted: true } },
  },
  {
    name: 'sub-account get, unknown',
    args: ['sub-account', 'get', 'sa_missing'],
    outcome: { exit: 5, code: 'not_found' },
  },
  {
    name: 'eval run --wait',
    args: [
      'eval',
      'run',
      '--name',
      'n',
      '--candidates',
      'openai/gpt-5.4,moonshot/kimi-k2.6',
      '--dataset',
      'd.json',
      '--wait',
    ],
    files: { 'd.json': dataset },
    outcome: { ok: { object: 'eval', status: 'completed' } },
  },
  { name: 'eval get', args: ['eval', 'get', '{EVAL_ID}'], outcome: { ok: { object: 'eval' } } },
  {
    name: 'eval get, unknown',
    args: ['eval', 'get', 'eval_missing'],
    outcome: { exit: 5, code: 'not_found' },
  },
  {
    name: 'replay',
    args: ['replay', '{REQUEST_ID}', '--target-model', 'moonshot/kimi-k2.6'],
    outcome: { ok: { object: 'replay' } },
  },
  {
    name: 'replay, unknown request',
    args: ['replay', 'req_000000000000000000000000', '--target-model', 'moonshot/kimi-k2.6'],
    outcome: { exit: 5, code: 'not_found' },
  },
  { name: 'jobs get', args: ['jobs', 'get', '{JOB_ID}'], outcome: { ok: { object: 'job' } } },
  {
    name: 'jobs wait, downloading',
    args: ['jobs', 'wait', '{JOB_ID}', '--out', 'job.wav'],
    outcome: { ok: { object: 'job', status: 'completed' } },
  },
  {
    name: 'jobs get, unknown',
    args: ['jobs', 'get', 'job_missing'],
    outcome: { exit: 5, code: 'not_found' },
  },
  { name: 'mcp tools', args: ['mcp', 'tools'], outcome: { ok: { tools: expect.any(Array) } } },
  { name: 'mcp call', args: ['mcp', 'call', 'list_models'], outcome: { ok: { content: expect.any(Array) } } },
  {
    name: 'mcp tools, rejected key',
    args: ['mcp', 'tools'],
    env: { AIGATEWAY_API_KEY: 'sk-aig-rejectedKEY00000000' },
    outcome: { exit: 3, code: 'invalid_api_key' },
  },
  {
    name: 'mcp call, unknown tool',
    args: ['mcp', 'call', 'no_such_tool'],
    outcome: { toolError: 5, code: 'not_found' },
  },
  {
    name: 'webhooks verify',
    args: webhook,
    files: { 'b.json': '{JOB_BODY}' },
    outcome: { ok: { valid: true, type: 'job.completed' } },
  },
  {
    name: 'webhooks verify, tampered body',
    args: webhook,
    files: { 'b.json': '{TAMPERED_BODY}' },
    outcome: { exit: 3, code: 'no_matching_signature' },
  },
  {
    name: 'webhooks listen, port in use',
    args: ['webhooks', 'listen', '--secret', SECRET, '--port', '{EMULATOR_PORT}'],
    outcome: { exit: 2, code: 'port_in_use' },
  },
  { name: 'dev, bad port', args: ['dev', '--port', 'abc'], outcome: { exit: 2, code: 'usage_error' } },
  { name: 'whoami', args: ['whoami'], outcome: { ok: { reachable: true, key_accepted: true, error: null } } },
  {
    name: 'status, rejected key',
    args: ['--key', 'sk-aig-rejectedBYtheGATEWAY0000', 'status'],
    outcome: { report: 3, code: 'invalid_api_key' },
  },
  { name: 'completion', args: ['completion', 'fish'], outcome: { ok: { shell: 'fish' } } },
  {
    name: 'completion, unknown shell',
    args: ['completion', 'tcsh'],
    outcome: { exit: 2, code: 'usage_error' },
  },
  { name: 'unknown command', args: ['modls'], outcome: { exit: 2, code: 'usage_error' } },
  { name: 'no command', args: [], outcome: { exit: 2, code: 'missing_command' } },
  {
    name: 'sub-account without a subcommand (--json last)',
    args: ['sub-account', '--json'],
    outcome: { exit: 2, code: 'missing_command' },
  },
];

function fill(value: string): string {
  const t = Math.floor(Date.now() / 1000);
  return value.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => {
    const values: Record<string, () => string> = {
      SUB_ID: () => fx.subId,
      DOOMED_SUB_ID: () => fx.doomedSubId,
      JOB_ID: () => fx.jobId,
      EVAL_ID: () => fx.evalId,
      REQUEST_ID: () => fx.requestId,
      JOB_BODY: () => fx.jobBody,
      TAMPERED_BODY: () => fx.jobBody.replace('"completed"', '"failed"'),
      SIGNATURE: () => signWebhook(fx.jobBody, SECRET, { timestamp: t }).signature,
      EMULATOR_PORT: () => new URL(g.gw.url).port,
    };
    return values[name]?.() ?? whole;
  });
}

const output = (r: RunResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** Exactly one JSON document on stdout (pretty-printed, newline-terminated). */
function document(r: RunResult): Record<string, unknown> {
  expect(r.stdout, output(r)).toMatch(/^[[{][\s\S]*\n$/);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Exactly one line on stderr, the error envelope, whose exit_code is the process's. */
function errorLine(r: RunResult, exit: number, code: string): void {
  expect(r.code, output(r)).toBe(exit);
  expect(r.stderr, output(r)).toMatch(/^\{[^\n]*\}\n$/);
  const { error } = JSON.parse(r.stderr) as { error: Record<string, unknown> };
  expect(Object.keys(error).slice(0, ENVELOPE_KEYS.length)).toEqual([...ENVELOPE_KEYS]);
  expect(error).toMatchObject({ code, exit_code: exit, message: expect.stringMatching(/\S/) });
}

describe('--json through the binary: one document on stdout, or one error line on stderr', () => {
  it('the table has a success and an error for every command (dev succeeds below)', () => {
    const byName = (a: string) => COMMANDS.find((cmd) => cmd.name === a || cmd.aliases?.includes(a));
    const command = (c: Case) => c.args.map(byName).find(Boolean)?.name;
    const kinds = new Map<string, Set<string>>();
    for (const c of CASES) {
      const name = command(c) ?? 'none';
      kinds.set(name, (kinds.get(name) ?? new Set()).add('ok' in c.outcome ? 'ok' : 'error'));
    }
    kinds.get('dev')?.add('ok');
    for (const { name } of COMMANDS)
      expect([...(kinds.get(name) ?? [])].sort(), name).toEqual(['error', 'ok']);
  });

  it.concurrent.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const cwd = join(g.cwd, `case-${i}`);
    await mkdir(cwd, { recursive: true });
    for (const [file, content] of Object.entries(c.files ?? {}))
      await writeFile(join(cwd, file), fill(content));
    const r = await g.bin(['--json', ...c.args.map(fill)], { cwd, env: c.env ?? {} });
    if ('ok' in c.outcome) {
      expect(r.code, output(r)).toBe(0);
      expect(r.stderr, output(r)).toBe('');
      expect(document(r)).toMatchObject(c.outcome.ok);
    } else if ('toolError' in c.outcome) {
      // A deliberate exception (README, `--json` shapes): the tool's result is the response.
      expect(document(r)).toMatchObject({ isError: true });
      errorLine(r, c.outcome.toolError, c.outcome.code);
    } else if ('report' in c.outcome) {
      // The other one: a status report is the response, most of all when something is wrong.
      expect(document(r)).toMatchObject({ error: { code: c.outcome.code, exit_code: c.outcome.report } });
      errorLine(r, c.outcome.report, c.outcome.code);
    } else {
      expect(r.stdout, output(r)).toBe('');
      errorLine(r, c.outcome.exit, c.outcome.code);
    }
  });
});

/** Every stdout line so far is one JSON object (the long-running commands print one per event). */
function jsonLines(live: LiveProcess): Array<Record<string, unknown>> {
  const lines = live.stdout().split('\n');
  expect(lines.at(-1), live.stdout()).toBe('');
  return lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.concurrent('--json of the long-running commands: one JSON object per line; Ctrl-C, one error line', () => {
  it('webhooks listen', async () => {
    const live = startBin(['--json', 'webhooks', 'listen', '--secret', SECRET, '--port', '0'], {
      env: g.env,
    });
    const [, url] = await live.waitFor('stdout', /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/);
    const t = Math.floor(Date.now() / 1000);
    const res = await fetch(url as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-aig-signature': signWebhook(fx.jobBody, SECRET, { timestamp: t }).signature,
        'x-aig-event-type': 'job.completed',
        'x-aig-delivery-id': 'd-1',
        'x-aig-attempt': '1',
      },
      body: fx.jobBody,
    });
    expect(res.status).toBe(200);
    await live.waitFor('stdout', /"event":"delivery"/);
    const r = await live.interrupt();
    expect(jsonLines(live).map((e) => e.event)).toEqual(['listening', 'delivery']);
    errorLine(r, 130, 'interrupted');
  });

  it('dev', async () => {
    const live = startBin(['--json', 'dev', '--port', '0'], { env: {} });
    const [, url] = await live.waitFor('stdout', /"base_url":"(http:\/\/127\.0\.0\.1:\d+\/v1)"/);
    const models = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-aig-emulator-dev' } });
    expect(models.status).toBe(200);
    await live.waitFor('stdout', /"event":"request"/);
    const r = await live.interrupt();
    expect(jsonLines(live).map((e) => e.event)).toEqual(['listening', 'request']);
    errorLine(r, 130, 'interrupted');
  });
});
