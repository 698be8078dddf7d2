// 2. Streaming: one long chat stream (the contract's SSE example, its content chunk repeated)
// consumed chunk by chunk: eventsource-parser over fetch vs aigateway-js vs openai.
import { performance } from 'node:perf_hooks';
import { createClients } from '../lib/clients.mjs';
import { config } from '../lib/config.mjs';
import { settle } from '../lib/gc.mjs';
import { examples } from '../lib/contract-examples.mjs';
import { fmt, ms, ratio, target } from '../lib/format.mjs';
import { startCannedServer } from '../lib/server-process.mjs';
import { median, rotate, spread } from '../lib/stats.mjs';

async function consume(client, body) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let first = 0;
  let count = 0;
  let chars = 0;
  for await (const chunk of await client.stream(body)) {
    if (count++ === 0) first = performance.now() - t0;
    chars += chunk.choices[0]?.delta?.content?.length ?? 0;
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    count,
    chars,
    ttfc: first,
    total,
    cps: (count / total) * 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

export async function run() {
  const ex = examples();
  const server = await startCannedServer(config.streamChunks);
  const clients = createClients(server.baseURL);
  const names = Object.keys(clients);
  const body = ex.streamRequest;
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) await consume(clients[name], body); // warm-up
    for (let r = 0; r < config.streamRounds; r++) {
      for (const name of rotate(names, r)) {
        settle();
        const result = await consume(clients[name], body);
        if (result.count !== config.streamChunks) {
          throw new Error(`${name} yielded ${result.count} chunks, expected ${config.streamChunks}.`);
        }
        rounds[name].push(result);
      }
    }
  } finally {
    await server.close();
  }
  const anchor = rounds.fetch;
  const s = Object.fromEntries(
    names.map((name) => {
      const xs = rounds[name];
      return [
        name,
        {
          cps: median(xs.map((x) => x.cps)),
          ttfc: median(xs.map((x) => x.ttfc)),
          total: median(xs.map((x) => x.total)),
          vsRaw: median(xs.map((x, r) => x.total / anchor[r].total)),
          vsRawRounds: xs.map((x, r) => x.total / anchor[r].total),
          vsOpenAI: median(xs.map((x, r) => x.total / rounds.openai[r].total)),
          vsOpenAIRounds: xs.map((x, r) => x.total / rounds.openai[r].total),
          cpuVsOpenAI: median(xs.map((x, r) => x.cpuMs / rounds.openai[r].cpuMs)),
          noise: spread(xs.map((x) => x.cps)),
          cpuMs: median(xs.map((x) => x.cpuMs)),
          cpuVsRaw: median(xs.map((x, r) => x.cpuMs / anchor[r].cpuMs)),
        },
      ];
    }),
  );
  const rows = names.map((name) => [
    name === 'fetch' ? 'eventsource-parser over fetch' : name,
    fmt(s[name].cps),
    ms(s[name].ttfc),
    ms(s[name].total),
    ratio(s[name].vsRaw),
    ms(s[name].cpuMs),
    ratio(s[name].cpuVsRaw),
    `±${fmt(s[name].noise * 50)}%`,
  ]);
  const ours = s['aigateway-js'];
  return {
    id: 'streaming',
    title: '2. Streaming',
    description:
      `A ${fmt(config.streamChunks)}-chunk \`text/event-stream\` built from the contract's streaming example ` +
      `(role chunk, the content chunk repeated, finish chunk, usage chunk, \`[DONE]\`; ` +
      `${fmt(config.streamChunks * 0.24, 0)} KB or so), written by the canned server in 64 KB slices. Each client ` +
      `parses every event's JSON. ${config.streamRounds} interleaved rounds after one warm-up stream each, a ` +
      'minor GC before each stream (a full one made every stream re-optimize from cold); median ' +
      'round. Time runs from the call until the iterator ends; time to first chunk (TTFC) is until the first ' +
      'chunk is yielded. aigateway-js also accumulates the message and usage (`ChatCompletionStream`).',
    tables: [
      {
        columns: [
          'client',
          'chunks/s',
          'TTFC',
          'total',
          'time vs raw parser',
          'client CPU',
          'CPU vs raw',
          'noise',
        ],
        rows,
      },
    ],
    targets: [
      target(
        'Streaming: aigateway-js time vs raw eventsource-parser',
        '≤ 1.05×',
        ours.vsRaw,
        (v) => v <= 1.05,
        {
          rounds: ours.vsRawRounds,
          cpu: ours.cpuVsRaw,
        },
      ),
      target('Streaming: aigateway-js vs openai (time)', '≤ 1.00×', ours.vsOpenAI, (v) => v <= 1, {
        rounds: ours.vsOpenAIRounds,
        cpu: ours.cpuVsOpenAI,
      }),
    ],
    notes: ['"client CPU" is the bench process\'s CPU time per stream (the server runs in another process).'],
  };
}
