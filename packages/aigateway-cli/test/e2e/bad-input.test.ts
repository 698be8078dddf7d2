import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { type RunResult, runInProcess } from '../helpers/in-process.js';

interface Case {
  name: string;
  args: string[];
  code: number;
  /** The one line on stderr (human form). */
  line: RegExp;
  /** Environment overrides; `null` removes the emulator's key or URL. */
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Files to create in the case's empty working directory first. */
  files?: Record<string, string>;
}

const SIG = `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`;
const CASES: Case[] = [
  {
    name: 'unknown command',
    args: ['modls'],
    code: 2,
    line: /^error: Unknown command 'modls' \(Did you mean models\?\)/,
  },
  { name: 'unknown flag', args: ['models', '--nope'], code: 2, line: /^error: Unknown option '--nope'/ },
  { name: 'missing argument', args: ['call'], code: 2, line: /^error: Missing required argument 'model'/ },
  { name: 'too many arguments', args: ['models', 'extra'], code: 2, line: /^error: Too many arguments/ },
  {
    name: 'missing key',
    args: ['models'],
    env: { AIGATEWAY_API_KEY: undefined },
    code: 3,
    line: /^error: No API key\. Set AIGATEWAY_API_KEY, pass --key-file PATH, or run `aig init`/,
  },
  {
    name: 'malformed key',
    args: ['--key', 'abc123456', 'models'],
    code: 3,
    line: /^error: The API key from --key does not start with sk-aig-/,
  },
  {
    name: 'malformed key in .env',
    args: ['models'],
    env: { AIGATEWAY_API_KEY: undefined },
    files: { '.env': 'AIGATEWAY_API_KEY=pk-live-zzzzzz\n' },
    code: 3,
    line: /from AIGATEWAY_API_KEY in \/\S+\/\.env does not start with sk-aig-/,
  },
  {
    name: 'rejected key',
    args: ['--key', 'sk-aig-wrongwrongwrong', 'models'],
    code: 3,
    line: /^error: The API key is not valid.*\(X-Request-Id: req_/,
  },
  {
    name: 'invalid base URL',
    args: ['--base-url', 'not a url', 'models'],
    code: 2,
    line: /^error: --base-url is not a URL/,
  },
  {
    name: 'non-http base URL',
    args: ['--base-url', 'ftp://gw.example', 'models'],
    code: 2,
    line: /^error: --base-url must use http or https/,
  },
  {
    name: 'invalid tag',
    args: ['--tag', 'bad tag!', 'usage'],
    code: 2,
    line: /^error: --tag "bad tag!" is not a valid tag/,
  },
  {
    name: 'bad --month',
    args: ['usage', '--month', '2026-13'],
    code: 2,
    line: /^error: --month must be a month as YYYY-MM/,
  },
  {
    name: 'word --month',
    args: ['usage', '--month', 'april'],
    code: 2,
    line: /^error: --month must be a month as YYYY-MM/,
  },
  {
    name: 'bad --modality',
    args: ['models', '--modality', 'smell'],
    code: 2,
    line: /^error: --modality must be one of chat, (\w+, )+3d, got "smell"/,
  },
  {
    name: 'unknown model',
    args: ['call', 'nope/nope', 'hi'],
    code: 5,
    line: /^error: The model 'nope\/nope' does not exist.*\(X-Request-Id: req_/,
  },
  {
    name: 'chat without input',
    args: ['call', 'openai/gpt-5.4'],
    code: 2,
    line: /^error: Missing prompt: pass it as an argument/,
  },
  {
    name: 'bad --endpoint',
    args: ['call', 'openai/gpt-5.4', 'hi', '--endpoint', 'teleport'],
    code: 2,
    line: /^error: --endpoint must be one of/,
  },
  {
    name: 'temperature out of range',
    args: ['call', 'openai/gpt-5.4', 'hi', '--temperature', '5'],
    code: 2,
    line: /^error: --temperature must be a number between 0 and 2/,
  },
  {
    name: 'transcription without --file',
    args: ['call', 'openai/whisper-large-v3-turbo'],
    code: 2,
    line: /^error: Transcription needs audio: pass --file PATH/,
  },
  {
    name: 'unreadable --file',
    args: ['call', 'openai/whisper-large-v3-turbo', '--file', 'missing.wav'],
    code: 2,
    line: /^error: Cannot read --file missing\.wav: no such file/,
  },
  {
    name: 'unsupported --image',
    args: ['call', 'google/gemini-3.1-pro', 'hi', '--image', 'notes.txt'],
    code: 2,
    line: /^error: --image notes\.txt: use a \.png, \.jpg/,
  },
  {
    name: 'translation without --to',
    args: ['call', 'meta/m2m100-1.2b', 'hello'],
    code: 2,
    line: /^error: Missing target language: pass --to/,
  },
  {
    name: 'speech with --json but no --out',
    args: ['call', 'deepgram/aura-2-en', 'hi', '--json'],
    code: 2,
    line: /"code":"missing_input".*pass --out speech\.mp3/,
  },
  {
    name: '--out into a missing folder',
    args: ['call', 'black-forest-labs/flux-1-schnell', 'fox', '--out', 'no/such/dir/fox.png'],
    code: 2,
    line: /^error: Cannot write --out no\/such\/dir\/fox\.png/,
  },
  {
    name: 'negative spend cap',
    args: ['sub-account', 'create', '--name', 'x', '--spend-cap-cents', '-5'],
    code: 2,
    line: /^error: --spend-cap-cents must be at least 0, got -5\./,
  },
  {
    name: 'fractional rpm',
    args: ['sub-account', 'create', '--name', 'x', '--rpm', '1.5'],
    code: 2,
    line: /^error: --rpm must be a whole number, got "1\.5"\./,
  },
  {
    name: 'sub-account without --name',
    args: ['sub-account', 'create'],
    code: 2,
    line: /^error: Missing name: pass --name <name>\./,
  },
  {
    name: 'bad --metadata',
    args: ['sub-account', 'create', '--name', 'x', '--metadata', '{nope'],
    code: 2,
    line: /^error: --metadata must be a JSON object of strings/,
  },
  {
    name: 'update with nothing',
    args: ['sub-account', 'update', 'sa_123'],
    code: 2,
    line: /^error: Nothing to update: pass --name/,
  },
  {
    name: 'unknown sub-account',
    args: ['sub-account', 'get', 'sa_doesnotexist'],
    code: 5,
    line: /^error: No sub-account with id 'sa_doesnotexist'/,
  },
  {
    name: 'eval without --dataset',
    args: ['eval', 'run', '--name', 'n', '--candidates', 'a/b,c/d'],
    code: 2,
    line: /^error: Missing dataset: pass --dataset/,
  },
  {
    name: 'eval with one candidate',
    args: ['eval', 'run', '--name', 'n', '--candidates', 'a/b', '--dataset', 'd.json'],
    code: 2,
    line: /^error: --candidates needs 2 to 10/,
  },
  {
    name: 'eval bad metric',
    args: [
      'eval',
      'run',
      '--name',
      'n',
      '--candidates',
      'a/b,c/d',
      '--dataset',
      'd.json',
      '--metric',
      'vibes',
    ],
    code: 2,
    line: /^error: --metric must be one of quality/,
  },
  {
    name: 'eval dataset not JSON',
    args: ['eval', 'run', '--name', 'n', '--candidates', 'a/b,c/d', '--dataset', 'd.json'],
    files: { 'd.json': '{oops' },
    code: 2,
    line: /^error: --dataset d\.json is not valid JSON/,
  },
  {
    name: 'eval dataset bad line',
    args: ['eval', 'run', '--name', 'n', '--candidates', 'a/b,c/d', '--dataset', 'd.jsonl'],
    files: { 'd.jsonl': '{"input":"a"}\n{"inpt":"b"}\n' },
    code: 2,
    line: /^error: --dataset line 2 needs "input"/,
  },
  {
    name: 'replay without --target-model',
    args: ['replay', 'req_0123'],
    code: 2,
    line: /^error: Missing target model: pass --target-model <model>\./,
  },
  {
    name: 'unknown job',
    args: ['jobs', 'get', 'job_doesnotexist'],
    code: 5,
    line: /^error: .*job_doesnotexist.*\(X-Request-Id: req_/,
  },
  {
    name: 'invalid JSON in --args',
    args: ['mcp', 'call', 'chat', '--args', '{bad'],
    code: 2,
    line: /^error: --args is not valid JSON/,
  },
  {
    name: '--tool-args-json not an object',
    args: ['mcp', 'call', 'chat', '--tool-args-json', '[1,2]'],
    code: 2,
    line: /^error: --tool-args-json must be a JSON object/,
  },
  {
    name: '--arg without =',
    args: ['mcp', 'call', 'chat', '--arg', 'model'],
    code: 2,
    line: /^error: --arg must look like key=value, got "model"\./,
  },
  {
    name: 'webhooks verify without secret',
    args: ['webhooks', 'verify', '--signature', SIG, '--body-file', 'b.json'],
    code: 2,
    line: /^error: Missing webhook signing secret: pass --secret/,
  },
  {
    name: 'webhooks verify unreadable body',
    args: ['webhooks', 'verify', '--secret', 'whsec_x', '--signature', SIG, '--body-file', 'b.json'],
    code: 2,
    line: /^error: Cannot read --body-file b\.json: no such file/,
  },
  {
    name: 'webhooks verify bad signature',
    args: ['webhooks', 'verify', '--secret', 'whsec_x', '--signature', SIG, '--body-file', 'b.json'],
    files: { 'b.json': '{}' },
    code: 3,
    line: /^error: No signature in `x-aig-signature` matches/,
  },
  {
    name: 'webhooks listen bad port',
    args: ['webhooks', 'listen', '--secret', 'whsec_x', '--port', '99999'],
    code: 2,
    line: /^error: --port must be between 0 and 65535, got 99999\./,
  },
  {
    name: 'non-TTY init without a key',
    args: ['init'],
    env: { AIGATEWAY_API_KEY: undefined },
    code: 2,
    line: /^error: Missing API key: pass AIGATEWAY_API_KEY=… or --key-file PATH \(prompts need a terminal/,
  },
  {
    name: 'init with an unknown language',
    args: ['init', '--lang', 'cobol'],
    code: 2,
    line: /^error: --lang must be ts, js or python, got "cobol"\./,
  },
  {
    name: 'init with an unknown model',
    args: ['init', '--lang', 'ts', '--model', 'nope/nope'],
    code: 5,
    line: /^error: Model "nope\/nope" is not in the catalog/,
  },
  {
    name: 'init with a non-chat model',
    args: ['init', '--lang', 'ts', '--model', 'baai/bge-m3'],
    code: 2,
    line: /^error: --model baai\/bge-m3 is a embedding model/,
  },
  {
    name: 'init over an existing starter',
    args: ['init', '--lang', 'js'],
    files: { 'aigateway-starter.mjs': 'mine\n' },
    code: 2,
    line: /^error: aigateway-starter\.mjs already exists\. Pass --force/,
  },
  {
    name: 'init over a different key in .env',
    args: ['init', '--no-scaffold'],
    files: { '.env': 'AIGATEWAY_API_KEY=sk-aig-someoneelse99\n' },
    code: 2,
    line: /^error: \.env already has a different AIGATEWAY_API_KEY\. Pass --force/,
  },
];

let g: Gateway;
let root: string;
beforeAll(async () => {
  g = await startGateway();
  root = await mkdtemp(join(tmpdir(), 'aig-bad-'));
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  await g.close();
  await rm(root, { recursive: true, force: true });
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    files[name] = await readFile(join(dir, name), 'utf8').catch(() => '<dir>');
  }
  return files;
}

/** Runs case `c` in its own empty folder (plus its files); the folder must be unchanged afterwards. */
async function runCase(c: Case, dir: string, binary: boolean): Promise<RunResult> {
  const cwd = join(root, dir);
  await mkdir(cwd);
  for (const [file, content] of Object.entries(c.files ?? {})) await writeFile(join(cwd, file), content);
  const before = await snapshot(cwd);
  const run = binary ? g.bin : g.aig;
  const result = await run(c.args, { cwd, env: { ...g.env, ...c.env }, stdin: c.stdin ?? '' });
  expect(await snapshot(cwd)).toEqual(before);
  return result;
}

function expectOneLine(result: RunResult, c: Case): void {
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(c.line);
  expect(result.code).toBe(c.code);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
}

// The built binary for the first case of each exit code; the whole table in-process (same code, no spawn).
const BINARY_SAMPLE = CASES.filter((c, i) => CASES.findIndex((d) => d.code === c.code) === i);

describe.concurrent('bad input: one clear line, the documented exit code, no stack, no partial file', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);

  it.each(BINARY_SAMPLE.map((c, i) => [c.name, c, i] as const))('%s (binary)', async (_name, c, i) => {
    expectOneLine(await runCase(c, `bin-${i}`, true), c);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    expectOneLine(await runCase(c, `case-${i}`, false), c);
  });

  // The same table in-process (runCli with fake streams, the real SDK against the emulator), with --json.
  it.each(CASES.map((c, i) => [c.name, c, i] as const))(
    '%s (--json envelope, in-process)',
    async (_name, c, i) => {
      const cwd = join(root, `json-${i}`);
      await mkdir(cwd);
      for (const [file, content] of Object.entries(c.files ?? {})) await writeFile(join(cwd, file), content);
      const before = await snapshot(cwd);
      const r = await runInProcess([...c.args, '--json'], {
        cwd,
        env: { ...g.env, ...c.env },
        stdin: c.stdin ?? '',
      });
      expect(r.code).toBe(c.code);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines, r.stderr).toHaveLength(1);
      const envelope = JSON.parse(lines[0] as string) as {
        error: { code: string; message: string; exit_code: number };
      };
      expect(envelope.error.exit_code).toBe(c.code);
      expect(envelope.error.code).toMatch(/^[a-z_]+$/);
      expect(envelope.error.message.length).toBeGreaterThan(10);
      expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
      expect(await snapshot(cwd)).toEqual(before);
    },
  );
});
