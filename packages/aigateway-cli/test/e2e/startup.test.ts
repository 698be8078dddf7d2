import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../helpers/gateway.js';
import { BIN, baseEnv, runBin } from '../helpers/spawn.js';

const TRACE = fileURLToPath(new URL('../fixtures/trace-loads.mjs', import.meta.url));
const BUILTINS = fileURLToPath(new URL('../fixtures/report-builtins.cjs', import.meta.url));
const SPY_COMPILE_CACHE = fileURLToPath(new URL('../fixtures/spy-compile-cache.mjs', import.meta.url));
const SPY_STDIN = fileURLToPath(new URL('../fixtures/spy-stdin.cjs', import.meta.url));

/** Runs the built binary with a module-load tracer; returns the loaded module URLs and the real output. */
async function traced(
  args: string[],
  env?: Record<string, string>,
): Promise<{ code: number; loaded: string[]; stdout: string }> {
  const r = await runBin(args, { nodeArgs: ['--import', TRACE], ...(env ? { env } : {}) });
  const loaded = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('[load] '))
    .map((l) => l.slice('[load] '.length));
  return { code: r.code, loaded, stdout: r.stdout };
}

const HEAVY = [/@modelcontextprotocol/, /aigateway-emulator/, /@clack/];

// The SDK is bundled into the CLI's chunks: a chunk holds it when it defines the SDK's base error class, and its
// Node webhook functions (node:crypto) when it defines signWebhook.
const SDK = /\bAIgatewayError\d*=class\b/;
const SDK_WEBHOOKS = /\bfunction signWebhook\b/;
// The contract's wire facts (one of its operations), and the require() that tsup's banner gives a chunk.
const WIRE_FACTS = /\bcreateChatCompletionOperation\d*=\{/;
const CREATE_REQUIRE = /__aigCreateRequire\(import\.meta\.url\)/;

/** The loaded files of the CLI's dist whose source matches `pattern`. */
async function loadedWith(loaded: string[], pattern: RegExp): Promise<string[]> {
  const cli = loaded.filter((u) => u.includes('/aigateway-cli/dist/'));
  const sources = await Promise.all(cli.map((u) => readFile(new URL(u), 'utf8')));
  return cli.filter((_, i) => pattern.test(sources[i] as string));
}

describe('start-up is lazy', () => {
  it.each([['--version'], ['--help'], ['models', '--help'], ['init', '--help'], ['mcp', '--help']])(
    'aig %s loads neither the SDK, clack, the MCP SDK nor the emulator',
    async (...args) => {
      const { code, loaded, stdout } = await traced(args);
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(loaded.some((u) => u.endsWith('/dist/bin.js'))).toBe(true);
      for (const pattern of HEAVY) expect(loaded.filter((u) => pattern.test(u))).toEqual([]);
      expect(await loadedWith(loaded, SDK)).toEqual([]);
    },
  );

  it.each([['--version'], ['-V']])(
    'aig %s answers before loading the program (commander is bundled in it)',
    async (flag) => {
      const { code, loaded, stdout } = await traced([flag]);
      expect(code).toBe(0);
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
      expect(stdout).toBe(`${pkg.version}\n`);
      expect(loaded.filter((u) => /\/dist\/run-[^/]*\.js$|\/commander\//.test(u))).toEqual([]);
      // Not even a chunk: the version is written into bin.js by the build.
      expect(
        loaded.filter((u) => u.includes('/aigateway-cli/dist/')).map((u) => u.replace(/.*\/dist\//, '')),
      ).toEqual(['bin.js']);
    },
  );

  it('asks Node for its compile cache (Node ≥ 22.1), in its default folder, once the answer is not --version', async () => {
    const calls = async (args: string[]) => {
      const r = await runBin(args, { nodeArgs: ['--import', SPY_COMPILE_CACHE] });
      expect(r.code).toBe(0);
      return r.stderr.split('\n').filter((l) => l.startsWith('[compile-cache]'));
    };
    expect(await calls(['--help'])).toEqual(['[compile-cache] (default)']);
    expect(await calls(['--version'])).toEqual([]);
  });

  it('aig --help does load the program chunk (control for the test above)', async () => {
    const { loaded } = await traced(['--help']);
    expect(loaded.filter((u) => /\/dist\/run-[^/]*\.js$/.test(u))).toHaveLength(1);
  });

  it('the tracer does see the SDK when a command needs it (control)', async () => {
    const { loaded } = await traced([
      'webhooks',
      'verify',
      '--secret',
      'whsec_x',
      '--signature',
      't=1,v1=00',
      '--body-file',
      '/dev/null',
    ]);
    expect(await loadedWith(loaded, SDK_WEBHOOKS)).toHaveLength(1);
    expect(await loadedWith(loaded, SDK)).not.toEqual([]);
  });
});

describe('a command that calls the gateway', () => {
  let gw: RunningEmulator;
  beforeAll(async () => {
    gw = await startEmulator({ apiKey: TEST_KEY });
  });
  afterAll(() => gw.close());

  it('aig models --json goes over node:http: Node’s built-in fetch (undici, ~100 ms of CPU on Node 20) is not loaded', async () => {
    const r = await runBin(['models', '--json'], {
      nodeArgs: ['--require', BUILTINS],
      env: { AIGATEWAY_BASE_URL: gw.url, AIGATEWAY_API_KEY: TEST_KEY },
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { data: unknown[] }).data.length).toBeGreaterThan(10);
    const builtins = r.stderr.split('\n').filter((l) => l.startsWith('[builtin] '));
    expect(builtins).toContain('[builtin] http');
    expect(builtins.filter((l) => /undici/.test(l))).toEqual([]);
    // The JSON answer is read from the node stream as it is: no web streams to load for it.
    expect(builtins.filter((l) => /webstreams\/readablestream/.test(l))).toEqual([]);
  });

  it('aig models --json loads neither node:crypto nor node:child_process, and the SDK without its webhook functions', async () => {
    const env = { AIGATEWAY_BASE_URL: gw.url, AIGATEWAY_API_KEY: TEST_KEY };
    const r = await runBin(['models', '--json'], { nodeArgs: ['--require', BUILTINS], env });
    expect(r.code).toBe(0);
    const builtins = r.stderr.split('\n').filter((l) => l.startsWith('[builtin] '));
    expect(builtins).toContain('[builtin] http');
    expect(builtins.filter((l) => /^\[builtin\] (crypto|internal\/crypto\/|child_process)/.test(l))).toEqual(
      [],
    );
    const { loaded } = await traced(['models', '--json'], env);
    // The SDK comes bundled (no package to resolve), without its Node webhook functions.
    expect(loaded.filter((u) => /\/aigateway-js\//.test(u))).toEqual([]);
    expect(await loadedWith(loaded, SDK)).not.toEqual([]);
    expect(await loadedWith(loaded, SDK_WEBHOOKS)).toEqual([]);
  });

  it('aig models --json loads the wire facts once, and one require() (the chunk of the CommonJS helpers)', async () => {
    const { code, loaded } = await traced(['models', '--json'], {
      AIGATEWAY_BASE_URL: gw.url,
      AIGATEWAY_API_KEY: TEST_KEY,
    });
    expect(code).toBe(0);
    // The SDK is bundled from its source, so it imports the CLI's contract module instead of carrying its own copy.
    expect(await loadedWith(loaded, WIRE_FACTS)).toHaveLength(1);
    expect(await loadedWith(loaded, CREATE_REQUIRE)).toHaveLength(1);
  });

  it('aig models --json never creates process.stdin; --key - reads it (control)', async () => {
    const env = { AIGATEWAY_BASE_URL: gw.url, AIGATEWAY_API_KEY: TEST_KEY };
    const plain = await runBin(['models', '--json'], { nodeArgs: ['--require', SPY_STDIN], env });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('[stdin]');
    const piped = await runBin(['--key', '-', 'models', '--json'], {
      nodeArgs: ['--require', SPY_STDIN],
      env: { AIGATEWAY_BASE_URL: gw.url },
      stdin: `${TEST_KEY}\n`,
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain('[stdin]');
  });

  it('aig models --json loads only the models command, not every command (code splitting)', async () => {
    const { code, loaded } = await traced(['models', '--json'], {
      AIGATEWAY_BASE_URL: gw.url,
      AIGATEWAY_API_KEY: TEST_KEY,
    });
    expect(code).toBe(0);
    const chunks = loaded
      .filter((u) => u.includes('/aigateway-cli/dist/'))
      .map((u) => u.replace(/.*\/dist\//, ''));
    expect(chunks.filter((f) => /^models-/.test(f))).toHaveLength(1);
    expect(
      chunks.filter((f) =>
        /^(call|sub-account|eval|completion|webhooks|mcp|dev|whoami|describe-error)-/.test(f),
      ),
    ).toEqual([]);
  });

  it('…and loads neither dotenv (no .env), clack nor jq (no --jq)', async () => {
    const { code, loaded } = await traced(['models', '--json'], {
      AIGATEWAY_BASE_URL: gw.url,
      AIGATEWAY_API_KEY: TEST_KEY,
    });
    expect(code).toBe(0);
    expect(loaded.filter((u) => /\/(dotenv|@clack|jq-wasm)\//.test(u))).toEqual([]);
  });
});

describe('a closed stdout (aig … | head)', () => {
  it('exits 0 quietly instead of crashing with EPIPE', async () => {
    const child = spawn(process.execPath, [BIN, 'init', '--help'], {
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
