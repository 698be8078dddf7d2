import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signWebhook } from 'aigateway-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/command-manifest.js';
import { type Gateway, postJson, seedRuns, startGateway, TEST_KEY } from '../helpers/gateway.js';
import type { RunResult } from '../helpers/in-process.js';
import { startBin } from '../helpers/spawn.js';

// Every command of `aig`, succeeding and failing, as the built binary with --verbose (request ids,
// retries, stacks) and in-process with --verbose --json: no key or webhook secret may appear on stdout
// or stderr, wherever it came from (environment, --key, --key-file, --key -, .env, --secret) and whether the
// gateway accepted it or not; and every run ends with its documented exit code.
const FLAG_KEY = 'sk-aig-FLAGkeyNEVERshown00011122';
const DOTENV_KEY = 'sk-aig-DOTENVkeyNEVERshown3334445';
const MALFORMED_KEY = 'pk-live-MALFORMEDneverSHOWN66677';
const WEBHOOK_SECRET = 'whsec_RELIABILITYneverSHOWN888999';

interface Case {
  name: string;
  args: string[];
  code: number;
  env?: Record<string, string | undefined>;
  /** Files created in the case's own working directory first. */
  files?: Record<string, string>;
}

let g: Gateway;
let subKey = '';
const fixtures = { subId: '', cappedKey: '', jobId: '', jobBody: '', evalId: '', requestId: '' };

beforeAll(async () => {
  g = await startGateway();
  const sub = await postJson<{ id: string; key: string }>(g, '/sub-accounts', { name: 'customer' });
  fixtures.subId = sub.id;
  subKey = sub.key;
  fixtures.cappedKey = (
    await postJson<{ key: string }>(g, '/sub-accounts', { name: 'capped', spend_cap_cents: 0 })
  ).key;
  Object.assign(
    fixtures,
    await seedRuns(g, { path: '/videos/generations', body: { model: 'runwayml/gen-4', prompt: 'x' } }),
  );
});

// In-process runs print through their own streams; a dependency writing straight to the process's
// stdout, stderr or console would bypass them, so record all of that too and check it for secrets.
const stray: string[] = [];
const restore: Array<() => void> = [];
function record<T extends object, K extends keyof T>(target: T, method: K): void {
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = ((...args: unknown[]) => {
    stray.push(args.map(String).join(' '));
    return original.apply(target, args);
  }) as T[K];
  restore.push(() => {
    target[method] = original as T[K];
  });
}
for (const stream of [process.stdout, process.stderr]) record(stream, 'write');
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) record(console, method);

afterAll(async () => {
  for (const undo of restore.splice(0)) undo();
  const text = stray.join('\n');
  for (const secret of secrets()) expect(text, 'written outside the CLI’s streams').not.toContain(secret);
  await g.close();
});

const secrets = () => [
  TEST_KEY,
  FLAG_KEY,
  DOTENV_KEY,
  MALFORMED_KEY,
  WEBHOOK_SECRET,
  subKey,
  fixtures.cappedKey,
];

function expectNoSecret(result: RunResult, label: string): void {
  const text = result.stdout + result.stderr;
  for (const secret of secrets()) expect(text, `${label} printed a secret:\n${text}`).not.toContain(secret);
  // Any real-looking bearer key, not only the known ones; the gateway's own hint `Bearer sk-aig-...` may appear.
  expect(text, label).not.toMatch(/Bearer\s+sk-aig-[A-Za-z0-9_-]{8,}/);
}

// Placeholders (SUB_ID, JOB_BODY, SIGNATURE…) are filled in when a case runs, after the fixtures exist.
function cases(): Case[] {
  const webhookFiles = { 'b.json': 'JOB_BODY' };
  const noKey = { AIGATEWAY_API_KEY: undefined };
  return [
    { name: 'init (key from env)', args: ['init', '--no-scaffold'], code: 0 },
    { name: 'init --dry-run', args: ['init', '--lang', 'ts', '--dry-run'], code: 0 },
    { name: 'init, unknown language', args: ['init', '--lang', 'cobol'], code: 2 },
    { name: 'a mistyped command', args: ['modls'], code: 2 },
    { name: 'init with a rejected --key', args: ['--key', FLAG_KEY, 'init', '--no-scaffold'], code: 3 },
    { name: 'init with a malformed --key', args: ['--key', MALFORMED_KEY, 'init', '--no-scaffold'], code: 3 },
    { name: 'models', args: ['models', '--modality', 'chat'], code: 0 },
    { name: 'models, rejected --key', args: ['--key', FLAG_KEY, 'models'], code: 3 },
    { name: 'models, malformed --key', args: ['--key', MALFORMED_KEY, 'models'], code: 3 },
    {
      name: 'models, rejected key in .env',
      args: ['models'],
      env: noKey,
      files: { '.env': `AIGATEWAY_API_KEY=${DOTENV_KEY}\n` },
      code: 3,
    },
    {
      name: 'models, malformed key in .env',
      args: ['models'],
      env: noKey,
      files: { '.env': `AIGATEWAY_API_KEY="${MALFORMED_KEY}"\n` },
      code: 3,
    },
    {
      name: 'models, unreachable gateway',
      args: ['models'],
      env: { AIGATEWAY_BASE_URL: 'http://127.0.0.1:9/v1' },
      code: 7,
    },
    { name: 'call chat (streamed)', args: ['call', 'openai/gpt-5.4', 'hello'], code: 0 },
    { name: 'call chat (--no-stream)', args: ['call', 'openai/gpt-5.4', 'hi', '--no-stream'], code: 0 },
    { name: 'call an image model', args: ['call', 'black-forest-labs/flux-1-schnell', 'a fox'], code: 0 },
    {
      name: 'call with a sub-account key',
      args: ['call', 'openai/gpt-5.4', 'hi'],
      env: { AIGATEWAY_API_KEY: 'SUB' },
      code: 0,
    },
    {
      name: 'call over the spend cap',
      args: ['call', 'openai/gpt-5.4', 'hi'],
      env: { AIGATEWAY_API_KEY: 'CAPPED' },
      code: 4,
    },
    { name: 'call an unknown model', args: ['call', 'nope/nope', 'hi'], code: 5 },
    { name: 'call a video job', args: ['call', 'runwayml/gen-4', 'a sunset', '--no-wait'], code: 0 },
    { name: 'usage', args: ['usage'], code: 0 },
    { name: 'usage, bad month', args: ['usage', '--month', '2026-13'], code: 2 },
    { name: 'sub-account list', args: ['sub-account', 'list'], code: 0 },
    { name: 'sub-account get', args: ['sub-account', 'get', 'SUB_ID'], code: 0 },
    { name: 'sub-account update', args: ['sub-account', 'update', 'SUB_ID', '--name', 'renamed'], code: 0 },
    {
      name: 'sub-account list with a sub-account key',
      args: ['sub-account', 'list'],
      env: { AIGATEWAY_API_KEY: 'SUB' },
      code: 3,
    },
    { name: 'sub-account get, unknown', args: ['sub-account', 'get', 'sa_missing'], code: 5 },
    { name: 'eval get', args: ['eval', 'get', 'EVAL_ID'], code: 0 },
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
      files: { 'd.json': JSON.stringify([{ input: 'hi', expected: 'hello' }]) },
      code: 0,
    },
    {
      name: 'replay',
      args: ['replay', 'REQUEST_ID', '--target-model', 'anthropic/claude-opus-4.7'],
      code: 0,
    },
    {
      name: 'replay, unknown request',
      args: ['replay', 'req_000000000000000000000000', '--target-model', 'x/y'],
      code: 5,
    },
    { name: 'jobs get', args: ['jobs', 'get', 'JOB_ID'], code: 0 },
    { name: 'jobs wait', args: ['jobs', 'wait', 'JOB_ID'], code: 0 },
    { name: 'jobs get, unknown', args: ['jobs', 'get', 'job_missing'], code: 5 },
    { name: 'mcp tools', args: ['mcp', 'tools'], code: 0 },
    { name: 'mcp call', args: ['mcp', 'call', 'list_models'], code: 0 },
    {
      name: 'mcp call, arguments that are not JSON',
      args: ['mcp', 'call', 'chat', '--args', '{bad'],
      code: 2,
    },
    {
      name: 'mcp call, arguments the tool rejects',
      args: ['mcp', 'call', 'chat', '--arg', 'model=nope/nope', '--arg', 'messages=[]'],
      code: 2,
    },
    { name: 'mcp tools, rejected --key', args: ['--key', FLAG_KEY, 'mcp', 'tools'], code: 3 },
    {
      name: 'mcp tools over SSE, rejected --key',
      args: ['--key', FLAG_KEY, 'mcp', 'tools', '--sse'],
      code: 3,
    },
    {
      name: 'webhooks verify (--secret)',
      args: [
        'webhooks',
        'verify',
        '--secret',
        WEBHOOK_SECRET,
        '--signature',
        'SIGNATURE',
        '--body-file',
        'b.json',
      ],
      files: webhookFiles,
      code: 0,
    },
    {
      name: 'webhooks verify (secret from env), tampered body',
      args: ['webhooks', 'verify', '--signature', 'SIGNATURE', '--body-file', 'b.json'],
      env: { AIGATEWAY_WEBHOOK_SECRET: WEBHOOK_SECRET },
      files: { 'b.json': 'TAMPERED_BODY' },
      code: 3,
    },
    { name: 'whoami (key from env)', args: ['whoami'], code: 0 },
    { name: 'status with a sub-account key', args: ['status'], env: { AIGATEWAY_API_KEY: 'SUB' }, code: 0 },
    { name: 'whoami, rejected --key', args: ['--key', FLAG_KEY, 'whoami'], code: 3 },
    {
      name: 'whoami, rejected key in .env',
      args: ['whoami'],
      env: noKey,
      files: { '.env': `AIGATEWAY_API_KEY=${DOTENV_KEY}\n` },
      code: 3,
    },
    { name: 'completion', args: ['completion', 'bash'], code: 0 },
    { name: 'mcp install (key by variable)', args: ['mcp', 'install', '--client', 'claude-code'], code: 0 },
    {
      name: 'mcp install --print (key by value)',
      args: ['mcp', 'install', '--client', 'cline', '--print'],
      code: 0,
    },
    {
      name: 'webhooks verify, missing body file',
      args: [
        'webhooks',
        'verify',
        '--secret',
        WEBHOOK_SECRET,
        '--signature',
        't=1,v1=00',
        '--body-file',
        'none.json',
      ],
      code: 2,
    },
    {
      name: 'webhooks verify (secret from .env), wrong secret',
      args: ['webhooks', 'verify', '--signature', 'OTHER_SIGNATURE', '--body-file', 'b.json'],
      files: { ...webhookFiles, '.env': `AIGATEWAY_WEBHOOK_SECRET=${WEBHOOK_SECRET}\n` },
      code: 3,
    },
  ];
}

function substitute(value: string): string {
  const t = Math.floor(Date.now() / 1000);
  const values: Record<string, () => string> = {
    SUB_ID: () => fixtures.subId,
    EVAL_ID: () => fixtures.evalId,
    JOB_ID: () => fixtures.jobId,
    REQUEST_ID: () => fixtures.requestId,
    JOB_BODY: () => fixtures.jobBody,
    TAMPERED_BODY: () => fixtures.jobBody.replace('"completed"', '"failed"'),
    SIGNATURE: () => signWebhook(fixtures.jobBody, WEBHOOK_SECRET, { timestamp: t }).signature,
    OTHER_SIGNATURE: () =>
      signWebhook(fixtures.jobBody, 'whsec_someone_else_0000', { timestamp: t }).signature,
  };
  return values[value]?.() ?? value;
}
const keyFor = (value: string | undefined) =>
  value === 'SUB' ? subKey : value === 'CAPPED' ? fixtures.cappedKey : value;

describe('no key or webhook secret in the output of any command (--verbose, --json)', () => {
  it('the table covers every command aig has (dev and webhooks listen run below)', () => {
    const byName = (a: string) => COMMANDS.find((cmd) => cmd.name === a || cmd.aliases?.includes(a));
    const covered = new Set(cases().map((c) => c.args.map(byName).find(Boolean)?.name));
    covered.add('dev');
    covered.delete(undefined); // the mistyped command
    expect([...covered].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  // Each case runs twice: as the built binary with --verbose, and in-process with --verbose --json (the
  // same code, without a Node start-up per run; stray writes to the real stdout/stderr are checked below).
  describe.concurrent.each([
    ['--verbose', 'binary'],
    ['--verbose --json', 'in-process'],
  ] as const)('with %s (%s)', (flags, how) => {
    it.each(cases().map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
      const cwd = join(g.cwd, `${how}-${i}`);
      await mkdir(cwd, { recursive: true });
      for (const [file, content] of Object.entries(c.files ?? {}))
        await writeFile(join(cwd, file), substitute(content));
      const env = { ...c.env, AIGATEWAY_API_KEY: keyFor(c.env?.AIGATEWAY_API_KEY ?? TEST_KEY) };
      if (c.env && 'AIGATEWAY_API_KEY' in c.env && c.env.AIGATEWAY_API_KEY === undefined)
        env.AIGATEWAY_API_KEY = undefined;
      const run = how === 'binary' ? g.bin : g.aig;
      const result = await run([...flags.split(' '), ...c.args.map(substitute)], { cwd, env });
      expect(result.code, `${c.name}\n${result.stdout}\n${result.stderr}`).toBe(c.code);
      expectNoSecret(result, c.name);
    });
  });

  // The same cases with the key given every other way (in-process, --verbose --json): the exit code does not
  // depend on where the key came from, and the key is never printed. Cases that set their own key are skipped.
  const sources = ['--key', '--key-file', '--key -', '.env'] as const;
  const ownKey = (c: Case) =>
    c.args.includes('--key') ||
    (c.env !== undefined && 'AIGATEWAY_API_KEY' in c.env) ||
    '.env' in (c.files ?? {});
  describe.concurrent.each(sources)('key from %s', (source) => {
    it.each(
      cases()
        .map((c, i) => [c.name, c, i] as const)
        .filter(([, c]) => !ownKey(c)),
    )('%s', async (_name, c, i) => {
      // One folder per source and case: '--key' and '--key -' both reduce to 'key', and sharing a folder let one
      // case read d.json while the other rewrote it (a flaky "not valid JSON").
      const cwd = join(g.cwd, `source-${sources.indexOf(source)}-${i}`);
      await mkdir(cwd, { recursive: true });
      for (const [file, content] of Object.entries(c.files ?? {}))
        await writeFile(join(cwd, file), substitute(content));
      const keyArgs: string[] = [];
      let stdin: string | undefined;
      if (source === '--key') keyArgs.push('--key', TEST_KEY);
      else if (source === '--key-file') {
        await writeFile(join(cwd, 'key.txt'), `${TEST_KEY}\n`);
        keyArgs.push('--key-file', 'key.txt');
      } else if (source === '--key -') {
        keyArgs.push('--key', '-');
        stdin = `${TEST_KEY}\n`;
      } else await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\n`);
      const result = await g.aig(['--verbose', '--json', ...keyArgs, ...c.args.map(substitute)], {
        cwd,
        env: { ...c.env, AIGATEWAY_API_KEY: undefined },
        ...(stdin === undefined ? {} : { stdin }),
      });
      expect(result.code, `${c.name}\n${result.stdout}\n${result.stderr}`).toBe(c.code);
      expectNoSecret(result, `${c.name} (key from ${source})`);
    });
  });

  it('webhooks listen: verified and rejected deliveries, secret from --secret', async () => {
    const listener = startBin(
      ['--verbose', 'webhooks', 'listen', '--port', '0', '--secret', WEBHOOK_SECRET],
      {
        env: g.env,
      },
    );
    const [, url] = await listener.waitFor(
      'stderr',
      /Listening for webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/,
    );
    const body = fixtures.jobBody;
    const t = Math.floor(Date.now() / 1000);
    for (const secret of [WEBHOOK_SECRET, 'whsec_someone_else_0000']) {
      await fetch(url as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-aig-signature': signWebhook(body, secret, { timestamp: t }).signature,
          'x-aig-event-type': 'job.completed',
          'x-aig-delivery-id': `d-${secret.length}`,
          'x-aig-attempt': '1',
        },
        body,
      });
    }
    const result = await listener.interrupt();
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/✔ valid\s+job\.completed/);
    expect(result.stdout).toMatch(/✖ rejected\s+no_matching_signature/);
    expectNoSecret(result, 'webhooks listen');
  });

  it('dev: the key in the environment or in .env is not the emulator’s and is never printed', async () => {
    const cwd = join(g.cwd, 'dev');
    await mkdir(cwd, { recursive: true });
    await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${DOTENV_KEY}\n`);
    const dev = startBin(['--verbose', 'dev', '--port', '0'], { env: { AIGATEWAY_API_KEY: TEST_KEY }, cwd });
    await dev.waitFor('stdout', /Press Ctrl-C to stop/);
    const result = await dev.interrupt();
    expect(result.stdout).toContain('sk-aig-emulator-dev');
    expectNoSecret(result, 'dev');
  });

  it('dev --key: the banner shows the key the emulator accepts (it unlocks only that emulator), nothing else', async () => {
    const dev = startBin(['--key', FLAG_KEY, 'dev', '--port', '0', '--webhook-secret', 'whsec_chosen_here'], {
      env: { AIGATEWAY_API_KEY: TEST_KEY },
    });
    await dev.waitFor('stdout', /Press Ctrl-C to stop/);
    const result = await dev.interrupt();
    expect(result.stdout).toContain(`API key         ${FLAG_KEY}`);
    expect(result.stdout + result.stderr).not.toContain(TEST_KEY);
    expect(result.stdout + result.stderr).not.toContain('whsec_chosen_here');
  });
});
