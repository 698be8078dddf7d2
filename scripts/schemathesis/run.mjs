#!/usr/bin/env node
// `pnpm test:schemathesis` (part of `pnpm test`): fuzzes a real emulator, over loopback, against
// the contract with Schemathesis and every one of its checks — no 5xx, no response the contract
// does not describe, no undocumented status, no invalid request accepted, no valid one rejected.
// Needs `pnpm build` (it runs the built emulator) and a CPython >= 3.10; Schemathesis comes from
// PyPI, with uv (never downloading an interpreter), into a venv cached under node_modules/.cache
// (pinned in requirements.txt).
//
//   node scripts/schemathesis/run.mjs [--max-time 150] [--workers 2] [--seed 1] [--phases …]
//
// Exits 0 when Schemathesis finds nothing, 1 with its report otherwise. The settings are in
// schemathesis.toml and the hooks in hooks.py; openapi/README.md explains every tuning.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findPythons, findUv } from '../python/interpreters.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const CACHE = join(ROOT, 'node_modules/.cache/schemathesis');
const SPEC = join(ROOT, 'openapi/aigateway.yaml');

const { values: opts } = parseArgs({
  options: {
    // A budget Schemathesis fills (it fuzzes again while time is left), so the run takes about
    // this long on any machine; schemathesis.toml's max-examples keeps one full pass of every
    // phase well inside it on a loaded one.
    'max-time': { type: 'string', default: '150' },
    workers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    phases: { type: 'string' },
    'report-dir': { type: 'string', default: join(CACHE, 'report') },
  },
});

const log = (line) => process.stdout.write(`[schemathesis] ${line}\n`);

/** A venv with the pinned Schemathesis, reused while requirements.txt and the Python stay the same. */
async function ensureVenv() {
  // The newest CPython up to 3.13, on which the pins were frozen and run: a newer one may lack
  // wheels for them (PyYAML and charset-normalizer publish one per Python version).
  const pythons = findPythons();
  const python =
    process.env.SCHEMATHESIS_PYTHON ??
    (pythons.filter((p) => p.version[1] <= 13).at(-1) ?? pythons.at(-1))?.path;
  const version = python && spawnSync(python, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
  if (version?.status !== 0) {
    throw new Error(
      `${python ?? 'No CPython >= 3.10'} is not runnable; install Python 3.10+ or point SCHEMATHESIS_PYTHON at one.`,
    );
  }
  const requirements = await readFile(join(HERE, 'requirements.txt'), 'utf8');
  const hash = createHash('sha256').update(version.stdout).update(requirements).digest('hex').slice(0, 12);
  const venv = join(CACHE, `venv-${hash}`);
  const bin = join(venv, 'bin');
  // Written last: a venv without it is a half-finished install (interrupted), made again.
  const complete = join(venv, '.complete');
  if (existsSync(complete)) return bin;
  log(`creating a venv for Schemathesis (Python ${version.stdout.split(' ')[0]}) in ${venv}`);
  await mkdir(CACHE, { recursive: true });
  const uv = findUv(join(ROOT, 'node_modules/.cache'));
  const env = { ...process.env, UV_PYTHON_DOWNLOADS: 'never' };
  const step = (args) => {
    const r = spawnSync(uv, args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`uv ${args.join(' ')} failed (exit ${r.status})`);
  };
  step(['venv', '--quiet', '--clear', '--python', python, venv]);
  step(['pip', 'install', '--quiet', '--python', join(bin, 'python'), '-r', join(HERE, 'requirements.txt')]);
  await writeFile(complete, '');
  return bin;
}

/** The built emulator, started in-process on a free loopback port. */
async function startEmulator() {
  const entry = join(ROOT, 'packages/aigateway-emulator/dist/index.js');
  if (!existsSync(entry)) throw new Error('The emulator is not built: run `pnpm build` first.');
  const { startEmulator: start } = await import(pathToFileURL(entry).href);
  return start({
    seed: 1,
    // Jobs and eval runs finish within milliseconds, so linked GETs see every status.
    timeScale: 1000,
    keepaliveMs: 0,
    // Generated webhook_urls point anywhere; acknowledge every delivery without the network.
    fetch: async () => new Response(null, { status: 204 }),
  });
}

async function api(gw, method, path, body) {
  const res = await fetch(`${gw.url.slice(0, -'/v1'.length)}${path}`, {
    method,
    headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return res.json();
}

/** What the hooks and the config need from the emulator: its catalog and an existing file. */
async function prepare(gw, dir) {
  const models = await api(gw, 'GET', '/v1/models');
  const catalogFile = join(dir, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify(models.data));
  const job = await api(gw, 'POST', '/v1/3d/generations', {
    model: 'stabilityai/stable-fast-3d',
    prompt: 'a teapot',
  });
  await gw.control.advance(60);
  const done = await api(gw, 'GET', `/v1/jobs/${job.id}`);
  if (!done.result_url) throw new Error(`The seed job did not complete: ${JSON.stringify(done)}`);
  const filePath = new URL(done.result_url).pathname.slice('/v1/files/'.length);
  // One item in each paged list, so that a `starting_after` can name one (hooks.py).
  const subAccount = await api(gw, 'POST', '/v1/sub-accounts', { name: 'schemathesis' });
  const evalRun = await api(gw, 'POST', '/v1/evals', {
    name: 'schemathesis',
    candidate_models: ['openai/gpt-5.4', 'anthropic/claude-opus-4.7'],
    metric: 'quality',
    dataset: [{ input: 'hi', expected: 'hello' }],
  });
  return {
    catalogFile,
    filePath,
    listed: { AIG_SUB_ACCOUNT_ID: subAccount.id, AIG_EVAL_ID: evalRun.id },
    legacy: await openLegacySession(gw),
  };
}

/** A legacy HTTP+SSE MCP session whose stream stays open (and drained) until `close()`. */
async function openLegacySession(gw) {
  const controller = new AbortController();
  const res = await fetch(`${gw.url.slice(0, -'/v1'.length)}/mcp/sse`, {
    headers: { authorization: `Bearer ${gw.apiKey}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = res.body.getReader();
  let text = '';
  let sessionId;
  while (!sessionId) {
    const { value, done } = await reader.read();
    if (done) throw new Error('GET /mcp/sse ended before its endpoint event');
    text += new TextDecoder().decode(value);
    sessionId = /sessionId=([^\s&]+)/.exec(text)?.[1];
  }
  const drained = (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
  return {
    sessionId,
    close: async () => {
      controller.abort();
      await drained;
    },
  };
}

/** The run's figures from Schemathesis's JSON report: cases, failures by class, errors, warnings. */
async function figures(reportDir) {
  const file = (await readdir(reportDir)).find((f) => f.startsWith('json-') && f.endsWith('.json'));
  if (!file) return undefined;
  const report = JSON.parse(await readFile(join(reportDir, file), 'utf8'));
  const warnings = Object.entries(report.warnings ?? {}).filter(([, ops]) => ops.length > 0);
  return [
    `${report.test_cases.generated} cases in ${Math.round(report.running_time)} s`,
    `${report.test_cases.unique_failures} unique failures${report.failures.map((f) => `, ${f.code} ${f.title} ${f.count}`).join('')}`,
    `${report.errors.length} errors${report.errors.map((e) => `; ${JSON.stringify(e).slice(0, 160)}`).join('')}`,
    `warnings: ${warnings.map(([name, ops]) => `${name} (${ops.join(', ')})`).join('; ') || 'none'}`,
  ];
}

async function main() {
  const bin = await ensureVenv();
  const gw = await startEmulator();
  const reportDir = opts['report-dir'];
  await rm(reportDir, { recursive: true, force: true });
  await mkdir(reportDir, { recursive: true });
  let closeLegacy = async () => {};
  try {
    const { catalogFile, filePath, listed, legacy } = await prepare(gw, reportDir);
    closeLegacy = legacy.close;
    const origin = gw.url.slice(0, -'/v1'.length);
    // Schemathesis expands ${VAR} in some settings only (not in dictionaries): fill them all in here.
    const vars = { AIG_KEY: gw.apiKey, AIG_FILE_PATH: filePath };
    const template = await readFile(join(HERE, 'schemathesis.toml'), 'utf8');
    const config = join(reportDir, 'schemathesis.toml');
    await writeFile(
      config,
      template.replace(/\$\{(AIG_[A-Z_]+)\}/g, (_, name) => vars[name]),
    );
    const args = [
      '--config-file',
      config,
      'run',
      SPEC,
      '--url',
      origin,
      '--max-time',
      opts['max-time'],
      '--workers',
      opts.workers,
      '--seed',
      opts.seed,
      '--report',
      'json,ndjson',
      '--report-dir',
      reportDir,
      ...(opts.phases ? ['--phases', opts.phases] : []),
    ];
    // What hooks.py reads: the catalog, the emulator to open MCP sessions on, and the ids above.
    const env = {
      ...process.env,
      AIG_CATALOG_FILE: catalogFile,
      AIG_ORIGIN: origin,
      AIG_KEY: gw.apiKey,
      AIG_LEGACY_SESSION: legacy.sessionId,
      ...listed,
      PYTHONPATH: HERE,
    };
    log(`st ${args.join(' ')}`);
    const code = await new Promise((resolve, reject) => {
      // CI output (no live progress) and no stdin, so that the run never waits on a terminal.
      const child = spawn(join(bin, 'st'), args, {
        cwd: CACHE,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...env, SCHEMATHESIS_HOOKS: 'hooks', NO_COLOR: '1', CI: 'true' },
      });
      child.on('error', reject);
      child.on('exit', (status, signal) => resolve(signal ? 1 : status));
    });
    for (const line of (await figures(reportDir)) ?? []) log(line);
    // Every check is on; the failures hooks.py filters out are listed, each with its reason.
    const excluded = spawnSync(
      join(bin, 'python'),
      ['-c', 'import hooks; print("\\n".join(hooks.EXCLUDED))'],
      { cwd: HERE, encoding: 'utf8', env },
    );
    for (const line of excluded.stdout.trim().split('\n').filter(Boolean)) log(`excluded: ${line}`);
    log(code === 0 ? 'no failures' : `failed (exit ${code}); reports in ${reportDir}`);
    return code;
  } finally {
    await closeLegacy();
    await gw.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`[schemathesis] ${error.message}\n`);
    process.exit(1);
  },
);
