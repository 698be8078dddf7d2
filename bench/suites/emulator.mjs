// 6. Emulator throughput: the emulator's own bench (packages/aigateway-emulator/bench/rps.mjs,
// autocannon at 64 connections) for non-stream chat and models.list, plus a bare node:http
// server answering the same chat example as a ceiling for this machine.
import autocannon from 'autocannon';
import { config } from '../lib/config.mjs';
import { examples } from '../lib/contract-examples.mjs';
import { fmt } from '../lib/format.mjs';
import { EMULATOR_RPS } from '../lib/paths.mjs';
import { startCannedServer } from '../lib/server-process.mjs';
import { timed } from '../lib/spawn.mjs';

const LINE =
  /^(.+?)\s+(\d+) req\/s\s+latency avg ([\d.]+) ms, p50 ([\d.]+) ms, p99 ([\d.]+) ms\s+\((\d+) requests, (\d+) errors\)/;

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, workers: 1 }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** The same autocannon settings against the canned node:http server (one process, like the emulator). */
async function bareNodeHttp(connections, duration) {
  const server = await startCannedServer(10);
  try {
    const body = JSON.stringify(examples().chatRequest);
    const opts = {
      url: `${server.baseURL}/chat/completions`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-aig-bench' },
      body,
      connections,
    };
    await cannon({ ...opts, duration: 1 });
    const r = await cannon({ ...opts, duration });
    return {
      name: 'bare node:http, canned chat example (reference)',
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      total: r.requests.total,
      errors: r.errors + r.timeouts + (r.non2xx ?? 0),
    };
  } finally {
    await server.close();
  }
}

export async function run() {
  const connections = config.concurrency;
  const duration = config.emulatorSeconds;
  const r = await timed(
    process.execPath,
    [EMULATOR_RPS, '--duration', String(duration), '--connections', String(connections)],
    { captureStdout: true },
  );
  if (r.code !== 0) throw new Error(`bench/rps.mjs exited with ${r.code}: ${r.stderr.slice(0, 500)}`);
  const results = r.stdout
    .split('\n')
    .map((line) => LINE.exec(line))
    .filter(Boolean)
    .map((m) => ({
      name: m[1].trim(),
      rps: Number(m[2]),
      p50: Number(m[4]),
      p99: Number(m[5]),
      total: Number(m[6]),
      errors: Number(m[7]),
    }));
  if (results.length === 0) {
    throw new Error(
      `Could not read bench/rps.mjs's output (its format changed?):\n${r.stdout.slice(0, 500)}`,
    );
  }
  const bare = await bareNodeHttp(connections, duration);
  const rows = [...results, bare].map((x) => [
    x.name,
    fmt(x.rps),
    `${x.p50} ms`,
    `${x.p99} ms`,
    fmt(x.total),
    fmt(x.errors),
  ]);
  return {
    id: 'emulator',
    title: '6. Emulator',
    description:
      `\`packages/aigateway-emulator/bench/rps.mjs\` (autocannon, one worker thread, ${connections} connections, ` +
      `${duration} s per scenario after a warm-up run of the same length; emulator and load generator share ` +
      'one process). The last row runs autocannon the same way against the canned node:http server of benches 1–2 ' +
      "(answering the contract's chat example without auth or validation, in its own process): a rough ceiling " +
      'for this machine, not a like-for-like comparison.',
    tables: [
      {
        columns: ['scenario', 'req/s', 'p50', 'p99', 'requests', 'errors'],
        rows,
      },
    ],
    targets: [],
    notes: ['The issue sets no target for the emulator; the figures are for tracking.'],
  };
}
