// 9. Pagination: every item of a 1,000-item list (sub-accounts, pages of 100) through aigateway-js's
// auto-pagination (`for await` over `subAccounts.list()`) vs the loop a user would write by hand
// with the same client (`starting_after` = the last id while `has_more`), and vs raw fetch. Rounds
// are interleaved (order rotates) and the median round is reported.
import { performance } from 'node:perf_hooks';
import { API_KEY } from '../lib/clients.mjs';
import { config } from '../lib/config.mjs';
import { settle } from '../lib/gc.mjs';
import { fmt, ms, ratio, target } from '../lib/format.mjs';
import { SDK_ENTRY } from '../lib/paths.mjs';
import { startCannedServer } from '../lib/server-process.mjs';
import { median, rotate, spread } from '../lib/stats.mjs';

const { AIgateway } = await import(SDK_ENTRY);
const ITEMS = 1000;
const LIMIT = 100;

function contenders(baseURL) {
  const client = new AIgateway({ apiKey: API_KEY, baseURL });
  const headers = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
  return {
    'raw fetch loop': async () => {
      let count = 0;
      let after = '';
      for (;;) {
        const query = after ? `?limit=${LIMIT}&starting_after=${after}` : `?limit=${LIMIT}`;
        const res = await fetch(`${baseURL}/sub-accounts${query}`, { headers });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const page = await res.json();
        count += page.data.length;
        if (!page.has_more) return count;
        after = page.data.at(-1).id;
      }
    },
    'aigateway-js, hand-written loop': async () => {
      let count = 0;
      let page = await client.subAccounts.list({ limit: LIMIT });
      for (;;) {
        count += page.data.length;
        if (!page.has_more) return count;
        page = await client.subAccounts.list({ limit: LIMIT, starting_after: page.data.at(-1).id });
      }
    },
    'aigateway-js, for await': async () => {
      let count = 0;
      for await (const _ of client.subAccounts.list({ limit: LIMIT })) count++;
      return count;
    },
  };
}

async function measure(list, listings) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < listings; i++) {
    const count = await list();
    if (count !== ITEMS) throw new Error(`listed ${count} items, expected ${ITEMS}`);
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { perListing: wall / listings, cpuMs: (cpu.user + cpu.system) / 1000 / listings };
}

export async function run() {
  const server = await startCannedServer(10);
  const lists = contenders(server.baseURL);
  const names = Object.keys(lists);
  const listings = config.quick ? 5 : 50;
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) await measure(lists[name], config.quick ? 3 : 20);
    for (let r = 0; r < config.rounds; r++) {
      for (const name of rotate(names, r)) {
        settle();
        rounds[name].push(await measure(lists[name], listings));
      }
    }
  } finally {
    await server.close();
  }
  const anchor = rounds['aigateway-js, hand-written loop'];
  const raw = rounds['raw fetch loop'];
  const summary = (name) => {
    const xs = rounds[name];
    return {
      perListing: median(xs.map((x) => x.perListing)),
      vsHand: median(xs.map((x, r) => x.perListing / anchor[r].perListing)),
      vsHandRounds: xs.map((x, r) => x.perListing / anchor[r].perListing),
      vsRaw: median(xs.map((x, r) => x.perListing / raw[r].perListing)),
      cpuMs: median(xs.map((x) => x.cpuMs)),
      cpuVsHand: median(xs.map((x, r) => x.cpuMs / anchor[r].cpuMs)),
      noise: spread(xs.map((x) => x.perListing)),
    };
  };
  const s = Object.fromEntries(names.map((n) => [n, summary(n)]));
  const auto = s['aigateway-js, for await'];
  return {
    id: 'pagination',
    title: '9. Pagination',
    description:
      `Every item of a ${fmt(ITEMS)}-item list: \`GET /v1/sub-accounts\` on the canned server (the contract's ` +
      `example sub-account with numbered ids), pages of ${LIMIT} (${ITEMS / LIMIT} requests per listing). ` +
      `${listings} listings per client and round, ${config.rounds} interleaved rounds after a warm-up; median round. ` +
      "The hand-written loop uses the same client (`starting_after` = the page's last id while `has_more`).",
    tables: [
      {
        columns: [
          'client',
          'time/listing',
          'vs hand-written loop',
          'vs raw fetch',
          'client CPU',
          'CPU vs hand loop',
          'noise',
        ],
        rows: names.map((name) => [
          name,
          ms(s[name].perListing),
          ratio(s[name].vsHand),
          ratio(s[name].vsRaw),
          ms(s[name].cpuMs),
          ratio(s[name].cpuVsHand),
          `±${fmt(s[name].noise * 50)}%`,
        ]),
      },
    ],
    targets: [
      target(
        'Pagination, 1,000 items: aigateway-js for await vs a hand-written loop (time)',
        '≤ 1.05×',
        auto.vsHand,
        (v) => v <= 1.05,
        { rounds: auto.vsHandRounds, cpu: auto.cpuVsHand },
      ),
    ],
  };
}
