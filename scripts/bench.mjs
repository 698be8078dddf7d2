#!/usr/bin/env node
// `pnpm bench`: runs each suite of bench/suites in its own Node process (fresh JIT and heap, a crash
// stays contained), prints its tables as they come, and writes them all to bench/RESULTS.md.
// Numbers never fail the run; a suite that cannot run is reported and makes the exit code 1.
// See bench/README.md for the knobs (BENCH_QUICK=1 for a smoke run under a minute).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from '../bench/lib/config.mjs';
import { machine } from '../bench/lib/machine.mjs';
import {
  CLI_BIN,
  EMULATOR_ENTRY,
  RESULTS,
  ROOT,
  RUN_SUITE,
  SDK_ENTRY,
  SDK_WEBHOOKS,
} from '../bench/lib/paths.mjs';
import { header, suiteSection, summaryTable } from '../bench/lib/report.mjs';

const SUITES = [
  { id: 'request-overhead', title: '1. Request overhead' },
  { id: 'streaming', title: '2. Streaming' },
  { id: 'webhooks', title: '3. Webhook verification' },
  { id: 'cli-startup', title: '4. CLI start-up' },
  { id: 'footprint', title: '5. Footprint' },
  { id: 'emulator', title: '6. Emulator' },
  { id: 'cli-install', title: '7. CLI install' },
  { id: 'python', title: '8. Python SDK' },
  { id: 'pagination', title: '9. Pagination' },
];
const SUITE_TIMEOUT_MS = (config.quick ? 90 : 240) * 1000;
const out = process.env.BENCH_OUT ?? (config.quick ? join(ROOT, 'bench/.tmp/RESULTS.quick.md') : RESULTS);

if (config.only) {
  const unknown = config.only.filter((id) => !SUITES.some((s) => s.id === id));
  if (unknown.length) {
    console.error(
      `BENCH_ONLY: unknown suite ${unknown.join(', ')}; known: ${SUITES.map((s) => s.id).join(', ')}.`,
    );
    process.exit(2);
  }
}

/** Another engineer's `pnpm build` empties dist/ for a while; wait for it rather than fail. */
const buildMissing = () => [SDK_ENTRY, SDK_WEBHOOKS, CLI_BIN, EMULATOR_ENTRY].filter((p) => !existsSync(p));

async function waitForBuild() {
  for (let waited = 0; ; waited += 2) {
    const missing = buildMissing();
    if (missing.length === 0) return;
    if (waited >= 120) {
      throw new Error(
        `Missing build output: ${missing.map((p) => relative(ROOT, p)).join(', ')}. Run \`pnpm build\`.`,
      );
    }
    if (waited === 0)
      console.error(`waiting for build output (${missing.map((p) => relative(ROOT, p)).join(', ')}) …`);
    await sleep(2000);
  }
}

function runSuite(suite) {
  return new Promise((resolve) => {
    const child = fork(RUN_SUITE, [suite.id], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const done = (entry) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...suite, ...entry });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({
        ok: false,
        error: `Timed out after ${SUITE_TIMEOUT_MS / 1000} s (lower the BENCH_* counts on a slow machine).`,
      });
    }, SUITE_TIMEOUT_MS);
    child.on('message', (msg) => done(msg));
    child.on('exit', (code, signal) =>
      done({ ok: false, error: `The suite process exited (${signal ?? code}) without a result.` }),
    );
  });
}

const started = Date.now();
const info = machine();
console.log(
  `aigateway bench — ${config.quick ? 'quick' : 'full'} run, node ${info.node}, ${info.cores} cores, load ${info.loadavg[0].toFixed(2)}\n`,
);
const results = [];
for (const suite of SUITES.filter((s) => !config.only || config.only.includes(s.id))) {
  await waitForBuild();
  const t0 = Date.now();
  const load0 = os.loadavg()[0];
  let entry = await runSuite(suite);
  // A build started elsewhere mid-suite removes dist/ under it: wait for the build and run it again, once.
  if (!entry.ok && buildMissing().length > 0) {
    await waitForBuild();
    entry = await runSuite(suite);
  }
  entry.footer = `_Took ${((Date.now() - t0) / 1000).toFixed(1)} s; 1-minute load average ${load0.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}._`;
  results.push(entry);
  console.log(`${suiteSection(entry)}\n`);
}

const seconds = (Date.now() - started) / 1000;
const summary = summaryTable(results);
const doc = [
  '# Benchmarks',
  'Written by `pnpm bench` (`scripts/bench.mjs`); see `bench/README.md` for what each suite measures and how to ' +
    'read it, and `bench/ANALYSIS.md` for the profiles behind the missed targets.',
  header(info, config, seconds, os.loadavg()),
  '## Targets',
  summary,
  ...results.map(suiteSection),
  '',
].join('\n\n');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, doc);
console.log(`## Targets\n\n${summary}\n\nWrote ${relative(process.cwd(), out)} in ${seconds.toFixed(0)} s.`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
