// 1. Request overhead: chat completions and embeddings against a canned loopback server,
// sequential and 64 in flight, raw fetch vs aigateway-js vs openai. Rounds are interleaved
// (client order rotates) and the median round is reported.
import { performance } from 'node:perf_hooks';
import { createClients, rawClient, undiciClient } from '../lib/clients.mjs';
import { config } from '../lib/config.mjs';
import { settle } from '../lib/gc.mjs';
import { examples } from '../lib/contract-examples.mjs';
import { fmt, ms, ratio, target } from '../lib/format.mjs';
import { startCannedServer } from '../lib/server-process.mjs';
import { median, percentile, rotate, spread } from '../lib/stats.mjs';

/** Runs `call` `total` times with `concurrency` in flight; per-request latencies and wall time. */
async function measure(call, total, concurrency) {
  const latencies = new Float64Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await call();
      latencies[i] = performance.now() - t0;
    }
  };
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: (total / wall) * 1000,
    // This process is only the client (the server has its own): its CPU time is the client's cost.
    cpuUs: (cpu.user + cpu.system) / total,
  };
}

export async function run() {
  const ex = examples();
  const server = await startCannedServer(10);
  // Raw fetch stays the anchor. Beside it, raw fetch with a per-request timeout (what the SDK's
  // 10-minute default costs on its own: Node's fetch tracks a caller's signal per request), for
  // context; it is not a target.
  const { fetch: raw, ...sdks } = createClients(server.baseURL);
  // Node loads undici (and its global dispatcher) on the first fetch.
  await fetch(`${server.baseURL}/embeddings`, { method: 'POST', body: '{}' }).then((res) =>
    res.arrayBuffer(),
  );
  const clients = {
    fetch: raw,
    'fetch + timeout': rawClient(server.baseURL, { timeoutMs: 600_000 }),
    'undici request': undiciClient(server.baseURL),
    ...sdks,
  };
  const names = Object.keys(clients);
  const scenarios = [
    { id: 'chat', label: 'chat.completions', call: (c) => c.chat(ex.chatRequest) },
    { id: 'embeddings', label: 'embeddings', call: (c) => c.embeddings(ex.embeddingsRequest) },
  ];
  const modes = [
    { id: 'sequential', concurrency: 1 },
    { id: 'concurrent', concurrency: config.concurrency },
  ];
  const perRound = Math.ceil(config.requests / config.rounds);
  const rows = [];
  const targets = [];

  try {
    for (const scenario of scenarios) {
      for (const mode of modes) {
        for (const name of names) {
          await measure(() => scenario.call(clients[name]), config.warmupRequests, mode.concurrency);
        }
        const rounds = Object.fromEntries(names.map((n) => [n, []]));
        for (let r = 0; r < config.rounds; r++) {
          for (const name of rotate(names, r)) {
            settle();
            rounds[name].push(await measure(() => scenario.call(clients[name]), perRound, mode.concurrency));
          }
        }
        const anchor = rounds.fetch;
        // Paired per-round ratios: a load spike during one round hits every client of that round.
        const timeRatio = (name, r) => anchor[r].rps / rounds[name][r].rps;
        const summary = (name) => ({
          p50: median(rounds[name].map((x) => x.p50)),
          p99: median(rounds[name].map((x) => x.p99)),
          rps: median(rounds[name].map((x) => x.rps)),
          vsFetch: median(rounds[name].map((_, r) => timeRatio(name, r))),
          p50VsFetch: median(rounds[name].map((x, r) => x.p50 / anchor[r].p50)),
          noise: spread(rounds[name].map((x) => x.rps)),
          cpuUs: median(rounds[name].map((x) => x.cpuUs)),
          cpuVsFetch: median(rounds[name].map((x, r) => x.cpuUs / anchor[r].cpuUs)),
        });
        const s = Object.fromEntries(names.map((n) => [n, summary(n)]));
        for (const name of names) {
          rows.push([
            scenario.label,
            `${mode.id}${mode.concurrency > 1 ? ` (${mode.concurrency})` : ''}`,
            name,
            ms(s[name].p50),
            ms(s[name].p99),
            fmt(s[name].rps),
            ratio(s[name].vsFetch),
            ratio(s[name].p50VsFetch),
            `${fmt(s[name].cpuUs)} µs`,
            ratio(s[name].cpuVsFetch),
            `±${fmt(s[name].noise * 50, 0)}%`,
          ]);
        }
        const ours = rounds['aigateway-js'];
        // Time per request over fetch's and over openai's, paired by round: above 1 means slower.
        const vsFetch = ours.map((x, r) => anchor[r].rps / x.rps);
        const vsOpenAI = ours.map((x, r) => rounds.openai[r].rps / x.rps);
        const cpuVsOpenAI = median(ours.map((x, r) => x.cpuUs / rounds.openai[r].cpuUs));
        const where = `${scenario.label}, ${mode.id}`;
        targets.push(
          target(
            `Overhead ${where}: aigateway-js time/request vs raw fetch`,
            '≤ 1.10×',
            median(vsFetch),
            (v) => v <= 1.1,
            {
              rounds: vsFetch,
              cpu: s['aigateway-js'].cpuVsFetch,
            },
          ),
          target(
            `Overhead ${where}: aigateway-js vs openai (time/request)`,
            '≤ 1.00×',
            median(vsOpenAI),
            (v) => v <= 1,
            {
              rounds: vsOpenAI,
              cpu: cpuVsOpenAI,
            },
          ),
        );
      }
    }
  } finally {
    await server.close();
  }

  return {
    id: 'request-overhead',
    title: '1. Request overhead',
    description:
      `Canned loopback server (own process) answering with the contract's examples ` +
      `(\`ChatCompletion\` "text", \`CreateEmbeddingResponse\` "float"). ${fmt(config.requests)} requests per ` +
      `client, scenario and mode, in ${config.rounds} interleaved rounds of ${fmt(perRound)} (client order rotates ` +
      `each round) after ${config.warmupRequests} warm-up requests each; figures are the median round. The ` +
      `clients share undici's global dispatcher (what Node's global \`fetch\` uses: one keep-alive pool, ` +
      `unlimited sockets per origin, server keep-alive 120 s) and use default options; raw fetch sets the same three headers, checks ` +
      `\`res.ok\` and parses the JSON; "fetch + timeout" is the same with a 10-minute timeout per request (an ` +
      `AbortController whose signal fetch gets, and a timer): the part of the SDK's overhead that any client ` +
      `that can time a request out pays, shown for context. "undici request" is undici's own \`request()\` on ` +
      `that same dispatcher (same headers, \`body.json()\`): the floor under fetch, also for context. On Node, ` +
      `aigateway-js sends a call it reads whole (these two) straight to that dispatcher rather than through ` +
      `fetch (packages/aigateway-js/README.md § Proxies and fetch options); openai goes through fetch.`,
    tables: [
      {
        columns: [
          'endpoint',
          'mode',
          'client',
          'p50',
          'p99',
          'req/s',
          'time/req vs fetch',
          'p50 vs fetch',
          'client CPU/req',
          'CPU vs fetch',
          'noise',
        ],
        rows,
      },
    ],
    notes: [
      '"time/req vs fetch" is the median over rounds of (fetch req/s ÷ client req/s) in the same round; ' +
        '"noise" is half the range of req/s across rounds relative to the median. "client CPU/req" is the ' +
        "bench process's user+system CPU time per request (the server runs in another process): the client's " +
        'own cost, much less sensitive to other load on the machine than wall time.',
    ],
    targets,
  };
}
