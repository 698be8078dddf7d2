import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../helpers/gateway.js';
import { BIN, baseEnv, runBin } from '../helpers/spawn.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const BUILTINS = fileURLToPath(new URL('../fixtures/report-builtins.cjs', import.meta.url));
const SPY_COMPILE_CACHE = fileURLToPath(new URL('../fixtures/spy-compile-cache.mjs', import.meta.url));
const SPY_STDIN = fileURLToPath(new URL('../fixtures/spy-stdin.cjs', import.meta.url));

interface Trace {
  code: number;
  stdout: string;
  /** Every file the process compiled: CommonJS, ES modules and dist/main.js (which bin.js compiles itself). */
  loaded: string[];
  /**
   * The modules of the bundle whose code ran, by source path ("src/commands/models.ts",
   * "../aigateway-js/src/client-entry.ts"): esbuild wraps each lazily imported module in an init function named
   * after its path, which runs on first use.
   */
  ran: string[];
}

/** Runs the built binary with V8's coverage on, which reports each script compiled and each function called. */
async function traced(args: string[], env?: Record<string, string>): Promise<Trace> {
  const dir = mkdtempSync(join(tmpdir(), 'aig-trace-'));
  try {
    const r = await runBin(args, { env: { ...env, NODE_V8_COVERAGE: dir } });
    const loaded: string[] = [];
    const ran: string[] = [];
    for (const name of readdirSync(dir)) {
      const { result } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
      };
      for (const script of result) {
        if (!script.url.startsWith('file://')) continue;
        const path = fileURLToPath(script.url);
        loaded.push(path);
        if (path !== join(DIST, 'main.js')) continue;
        for (const fn of script.functions) {
          if (/\.[cm]?[jt]s$/.test(fn.functionName) && (fn.ranges[0]?.count ?? 0) > 0)
            ran.push(fn.functionName);
        }
      }
    }
    return { code: r.code, stdout: r.stdout, loaded, ran };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEAVY = [/@modelcontextprotocol/, /aigateway-emulator/, /@clack/];
const SDK = /^\.\.\/aigateway-js\/src\//;
// The SDK's Node webhook functions (node:crypto).
const SDK_WEBHOOKS = /^\.\.\/aigateway-js\/src\/webhooks\/(node|sign)\.ts$/;
const OTHER_COMMANDS =
  /^src\/commands\/(init|call|usage|sub-account|eval|replay|jobs|mcp|webhooks|dev|whoami|completion)\.ts$/;
// The contract's wire facts (one of its operations).
const WIRE_FACTS = /\bcreateChatCompletionOperation\d*=\{/g;
// Node's ES module loader at work (resolving, loading, linking a module): `node -e 0` loads none of these.
const ESM_LOADER = /^\[builtin\] internal\/modules\/esm\/(module_job|translators|resolve|get_format|load)$/;

const files = (trace: Trace) =>
  trace.loaded.filter((f) => f.startsWith(DIST)).map((f) => f.slice(DIST.length));

describe('start-up is lazy', () => {
  it.each([['--version'], ['--help'], ['models', '--help'], ['init', '--help'], ['mcp', '--help']])(
    'aig %s runs none of the SDK and loads neither clack, the MCP SDK nor the emulator',
    async (...args) => {
      const trace = await traced(args);
      expect(trace.code).toBe(0);
      expect(trace.stdout.length).toBeGreaterThan(0);
      expect(files(trace)).toContain('bin.js');
      for (const pattern of HEAVY) expect(trace.loaded.filter((u) => pattern.test(u))).toEqual([]);
      expect(trace.ran.filter((m) => SDK.test(m))).toEqual([]);
    },
  );

  it.each([['--version'], ['-V']])(
    'aig %s answers from bin.js alone: the bundle is not even read',
    async (flag) => {
      const trace = await traced([flag]);
      expect(trace.code).toBe(0);
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
      expect(trace.stdout).toBe(`${pkg.version}\n`);
      // The version is written into bin.js by the build.
      expect(files(trace)).toEqual(['bin.js']);
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

  it('aig models --help does load the bundle and run the models command (control for the tests above)', async () => {
    const trace = await traced(['models', '--help']);
    expect(files(trace).sort()).toEqual(['bin.js', 'main.js']);
    expect(trace.ran).toContain('src/commands/models.ts');
    expect(trace.ran.filter((m) => OTHER_COMMANDS.test(m))).toEqual([]);
  });

  it('the tracer does see the SDK when a command needs it (control)', async () => {
    const trace = await traced([
      'webhooks',
      'verify',
      '--secret',
      'whsec_x',
      '--signature',
      't=1,v1=00',
      '--body-file',
      '/dev/null',
    ]);
    expect(trace.ran.filter((m) => SDK_WEBHOOKS.test(m))).not.toEqual([]);
    expect(trace.ran.filter((m) => SDK.test(m))).not.toEqual([]);
  });
});

describe('a command that calls the gateway', () => {
  let gw: RunningEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    gw = await startEmulator({ apiKey: TEST_KEY });
    env = { AIGATEWAY_BASE_URL: gw.url, AIGATEWAY_API_KEY: TEST_KEY };
  });
  afterAll(() => gw.close());

  const builtinsOf = async (args: string[]) => {
    const r = await runBin(args, { nodeArgs: ['--require', BUILTINS], env });
    expect(r.code).toBe(0);
    return { stdout: r.stdout, builtins: r.stderr.split('\n').filter((l) => l.startsWith('[builtin] ')) };
  };

  it('aig models --json goes over node:http: Node’s built-in fetch (undici, ~100 ms of CPU on Node 20) is not loaded', async () => {
    const { stdout, builtins } = await builtinsOf(['models', '--json']);
    expect((JSON.parse(stdout) as { data: unknown[] }).data.length).toBeGreaterThan(10);
    expect(builtins).toContain('[builtin] http');
    expect(builtins.filter((l) => /undici/.test(l))).toEqual([]);
    // The JSON answer is read from the node stream as it is: no web streams to load for it.
    expect(builtins.filter((l) => /webstreams\/readablestream/.test(l))).toEqual([]);
  });

  it('aig models --json loads neither node:crypto, node:child_process, node:fs/promises nor node:os, and runs the SDK without its webhook functions', async () => {
    const { builtins } = await builtinsOf(['models', '--json']);
    expect(builtins).toContain('[builtin] http');
    // fs/promises (with readline and fs watchers) and os cost ~8 and ~10 M instructions: loaded when a command needs them.
    const unneeded =
      /^\[builtin\] (crypto|internal\/crypto\/|child_process|fs\/promises|internal\/readline\/|os)/;
    expect(builtins.filter((l) => unneeded.test(l))).toEqual([]);
    const trace = await traced(['models', '--json'], env);
    // The SDK comes bundled (no package to resolve), without its Node webhook functions.
    expect(trace.loaded.filter((u) => /\/aigateway-js\//.test(u))).toEqual([]);
    expect(trace.ran).toContain('../aigateway-js/src/client-entry.ts');
    expect(trace.ran.filter((m) => SDK_WEBHOOKS.test(m))).toEqual([]);
  });

  it('aig models --json never starts the ES module loader: the CLI is one CommonJS bundle, built-ins are require()d', async () => {
    const { builtins } = await builtinsOf(['models', '--json']);
    expect(builtins.filter((l) => ESM_LOADER.test(l))).toEqual([]);
    // The SDK is bundled from its source, so it uses the CLI's contract module instead of carrying its own copy.
    const wireFacts = readdirSync(DIST)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => readFileSync(join(DIST, f), 'utf8').match(WIRE_FACTS) ?? []);
    expect(wireFacts).toHaveLength(1);
  });

  it('the bundle is ASCII, so V8 holds its source as a one-byte string (half the memory, faster to read)', () => {
    const source = readFileSync(join(DIST, 'main.js'), 'utf8');
    expect([...source].filter((c) => (c.codePointAt(0) ?? 0) > 0x7f)).toEqual([]);
  });

  it('…while an ESM-only package (jq-wasm, for --jq) still loads, through the loader (control)', async () => {
    const { stdout, builtins } = await builtinsOf(['models', '--jq', '.object']);
    expect(stdout).toBe('list\n');
    expect(builtins.filter((l) => ESM_LOADER.test(l))).not.toEqual([]);
  });

  it('aig models --json never creates process.stdin; --key - reads it (control)', async () => {
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

  it('aig models --json runs only the models command, not every command', async () => {
    const trace = await traced(['models', '--json'], env);
    expect(trace.code).toBe(0);
    expect(trace.ran).toContain('src/commands/models.ts');
    expect(trace.ran.filter((m) => OTHER_COMMANDS.test(m) || m === 'src/core/describe-error.ts')).toEqual([]);
  });

  it('…and loads neither dotenv (no .env), clack nor jq (no --jq)', async () => {
    const trace = await traced(['models', '--json'], env);
    expect(trace.code).toBe(0);
    expect(trace.loaded.filter((u) => /\/(dotenv|@clack|jq-wasm)\//.test(u))).toEqual([]);
  });
});

describe('the code cache (Node 20 has no compile cache for packages: aig keeps V8’s for its bundle)', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'aig-code-cache-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  /** Runs aig with its cache folder in `cache`; returns the result and the cache file, if there is one. */
  const run = async (cache: string, args: string[], extra: Record<string, string> = {}) => {
    const r = await runBin(args, { env: { XDG_CACHE_HOME: cache, ...extra } });
    const dir = join(cache, 'aigateway');
    const name = (() => {
      try {
        return readdirSync(dir).find((f) => /^code-[0-9a-f]{8}\.bin$/.test(f));
      } catch {
        return undefined;
      }
    })();
    return { ...r, file: name && join(dir, name) };
  };
  const header = (file: string) => readFileSync(file, 'latin1').split('\n', 1)[0] ?? '';
  let expected: string;
  beforeAll(async () => {
    expected = (await runBin(['models', '--help'], { env: { NODE_DISABLE_COMPILE_CACHE: '1' } })).stdout;
  });

  it('is written by the first run, then used: a run it covers does not write it again', async () => {
    const cache = mkdtempSync(join(home, 'use-'));
    const first = await run(cache, ['models', '--help']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(expected);
    expect(first.file).toBeDefined();
    const file = first.file as string;
    expect(header(file)).toMatch(/^aig-code-cache-1\t\S.*\tmodels$/);
    const written = statSync(file).ino;
    const second = await run(cache, ['models', '--help']);
    expect(second.stdout).toBe(expected);
    // V8 took it: a rejected cache is written again (renamed over, a new inode).
    expect(statSync(file).ino).toBe(written);
    // Another command adds what it compiled, once.
    expect((await run(cache, ['--help'])).code).toBe(0);
    expect(header(file)).toMatch(/\tmodels,root$/);
    const grown = statSync(file).ino;
    expect(grown).not.toBe(written);
    expect((await run(cache, ['--help'])).code).toBe(0);
    expect(statSync(file).ino).toBe(grown);
  });

  it('a corrupt, truncated or foreign cache is ignored and replaced; the command runs as without one', async () => {
    const cache = mkdtempSync(join(home, 'bad-'));
    const file = (await run(cache, ['models', '--help'])).file as string;
    const good = readFileSync(file);
    const head = `${header(file)}\n`;
    const versionless = head.replace(/^(aig-code-cache-1\t)\S+/, '$10.0.0-other');
    for (const bad of [
      Buffer.concat([Buffer.from(head, 'latin1'), Buffer.alloc(good.length - head.length, 0x5a)]),
      good.subarray(0, head.length + 100),
      Buffer.from(head, 'latin1'),
      Buffer.from('not a cache at all'),
      Buffer.concat([Buffer.from(versionless, 'latin1'), good.subarray(head.length)]),
    ]) {
      writeFileSync(file, bad);
      const r = await run(cache, ['models', '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(expected);
      expect(readFileSync(file).equals(bad)).toBe(false);
      expect(header(file)).toBe(head.trimEnd());
    }
  });

  it('a new cache file is private and removes the code caches not written for a month (other installs), nothing else', async () => {
    const cache = mkdtempSync(join(home, 'prune-'));
    const dir = join(cache, 'aigateway');
    mkdirSync(dir);
    const aged = (name: string, days: number) => {
      writeFileSync(join(dir, name), 'x');
      const when = new Date(Date.now() - days * 86_400_000);
      utimesSync(join(dir, name), when, when);
    };
    aged('code-0000dead.bin', 31);
    aged('code-0000beef.bin', 29);
    aged('catalog-000000000000dead.json', 31);
    const r = await run(cache, ['models', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
    const names = readdirSync(dir).sort();
    const written = names.filter((n) => /^code-[0-9a-f]{8}\.bin$/.test(n) && n !== 'code-0000beef.bin');
    expect(written).toHaveLength(1);
    expect(names).toEqual(['catalog-000000000000dead.json', 'code-0000beef.bin', written[0]].sort());
    expect(statSync(join(dir, written[0] as string)).mode & 0o777).toBe(0o600);
  });

  it('a cache folder that cannot be written only means compiling each time', async () => {
    const blocked = join(mkdtempSync(join(home, 'blocked-')), 'a-file');
    writeFileSync(blocked, '');
    const r = await run(blocked, ['models', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 (Node’s own switch) keeps it off', async () => {
    const cache = mkdtempSync(join(home, 'off-'));
    const r = await run(cache, ['models', '--help'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r.code).toBe(0);
    expect(r.file).toBeUndefined();
    expect((await run(cache, ['models', '--help'])).file).toBeDefined();
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
