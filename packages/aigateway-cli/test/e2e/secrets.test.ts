import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { runInProcess } from '../helpers/in-process.js';

let g: Gateway;
let dotenvDir: string;
beforeAll(async () => {
  g = await startGateway();
  dotenvDir = join(g.cwd, 'with-dotenv');
  await mkdir(dotenvDir);
  await writeFile(join(dotenvDir, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\n`);
});
afterAll(async () => {
  await g.close();
});

// Successful calls, gateway errors, usage errors and interactive-only paths, for every command.
const COMMANDS: string[][] = [
  ['models'],
  ['call', 'openai/gpt-5.4', 'hi'],
  ['call', 'openai/gpt-5.4', 'hi', '--no-stream'],
  ['call', 'nope/nope', 'hi'],
  ['call', 'black-forest-labs/flux-1-schnell', 'a fox'],
  ['usage'],
  ['usage', '--month', 'bad'],
  ['sub-account', 'list'],
  ['sub-account', 'get', 'sa_missing'],
  ['eval', 'get', 'eval_missing'],
  ['replay', 'req_000000000000000000000000', '--target-model', 'openai/gpt-5.4'],
  ['jobs', 'get', 'job_missing'],
  ['mcp', 'tools'],
  ['mcp', 'call', 'chat', '--args', '{bad'],
  ['mcp', 'call', 'chat', '--arg', 'model=nope/nope', '--arg', 'messages=[]'],
  ['webhooks', 'verify', '--secret', 'whsec_x', '--signature', 't=1,v1=00', '--body-file', 'none.json'],
  ['init', '--dry-run', '--lang', 'ts'],
  ['init', '--lang', 'cobol'],
  ['modls'],
];

type Source = 'flag' | 'env' | 'dotenv';

function setup(source: Source) {
  const env: Record<string, string | undefined> = { AIGATEWAY_BASE_URL: g.gw.url };
  if (source === 'env') env.AIGATEWAY_API_KEY = TEST_KEY;
  return {
    args: source === 'flag' ? ['--key', TEST_KEY] : [],
    env,
    cwd: source === 'dotenv' ? dotenvDir : g.cwd,
  };
}

describe('the API key never appears in stdout or stderr', () => {
  // The binary for a representative set (success, gateway error, usage error, MCP, init); in-process for all.
  const BINARY = COMMANDS.filter((_, i) => [1, 3, 6, 12, 16].includes(i));
  it.each(BINARY)('binary, key from --key, with --verbose: aig %s', async (...command) => {
    const { args, env } = setup('flag');
    const r = await g.aig([...args, '--verbose', ...command], { env, cwd: g.cwd });
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  const matrix = COMMANDS.flatMap((command) =>
    (['flag', 'env', 'dotenv'] as const).flatMap((source) =>
      [['--verbose'], ['--verbose', '--json']].map((flags) => [source, flags, command] as const),
    ),
  );
  it.each(matrix)('in-process, key from %s, %j: aig %j', async (source, flags, command) => {
    const { args, env, cwd } = setup(source);
    const r = await runInProcess([...args, ...flags, ...command], { env, cwd });
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
  });
});
