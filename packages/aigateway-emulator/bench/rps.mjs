#!/usr/bin/env node
// Requests per second of the emulator's hot paths (auth → validate → price → respond) on loopback:
// non-streamed chat completions and models.list. Run after `pnpm build`:
//   node bench/rps.mjs [--duration 5] [--connections 50]
// Prints numbers only; nothing is asserted.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startEmulator } from '../dist/index.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

const gw = await startEmulator({ maxStoredRequests: 1000 });
const headers = { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' };
const chatBody = JSON.stringify({
  model: 'anthropic/claude-sonnet-4.6',
  messages: [{ role: 'user', content: 'Summarise the plot of Hamlet in one sentence.' }],
  max_tokens: 200,
});

const scenarios = [
  {
    name: 'POST /v1/chat/completions (non-stream)',
    method: 'POST',
    path: '/v1/chat/completions',
    body: chatBody,
  },
  { name: 'GET /v1/models (models.list)', method: 'GET', path: '/v1/models' },
];

const run = (s) =>
  new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${gw.url.replace(/\/v1$/, '')}${s.path}`,
        method: s.method,
        headers,
        body: s.body,
        duration,
        connections,
        workers: 1,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });

console.log(
  `aigateway-emulator rps: ${connections} connections, ${duration} s per scenario, node ${process.version}`,
);
for (const s of scenarios) {
  await run({ ...s, path: s.path }).catch(() => undefined); // warm-up: compile validators, JIT
  const r = await run(s);
  const errors = r.errors + r.timeouts + (r.non2xx ?? 0);
  console.log(
    `${s.name.padEnd(42)} ${String(Math.round(r.requests.average)).padStart(7)} req/s` +
      `  latency avg ${r.latency.average.toFixed(2)} ms, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms` +
      `  (${r.requests.total} requests, ${errors} errors)`,
  );
}
await gw.close();
