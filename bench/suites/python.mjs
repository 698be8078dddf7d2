// 8. The Python SDK: aigateway-py vs raw httpx and the official `openai` package against the same
// canned loopback server (per-request overhead sync and async, streaming), verify_webhook vs
// stripe and standardwebhooks, import time and installed size. The measurements are taken by
// bench/python/bench.py in the venv `pnpm test:python` uses (created here if missing).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { config } from '../lib/config.mjs';
import { ROOT } from '../lib/paths.mjs';
import { startCannedServer } from '../lib/server-process.mjs';
import { bytes, fmt, ratio, target } from '../lib/format.mjs';
import { median } from '../lib/stats.mjs';
import { findPythons, findUv } from '../../scripts/python/interpreters.mjs';
import { ensureVenv } from '../../scripts/python/venv.mjs';

const us = (s) => `${fmt(s * 1e6, 1)} µs`;

export async function run() {
  const pythons = findPythons();
  if (pythons.length === 0) throw new Error('No CPython >= 3.10 found for the Python section.');
  const python = pythons.at(-1);
  const bin = ensureVenv(findUv(join(ROOT, 'node_modules/.cache')), python);
  const server = await startCannedServer(config.streamChunks);
  let data;
  try {
    const out = execFileSync(
      join(bin, 'python'),
      [
        join(ROOT, 'bench/python/bench.py'),
        server.baseURL,
        String(Math.max(config.rounds, Math.round(config.requests / 10))),
        String(config.rounds),
        String(config.streamRounds),
        String(config.webhookMs),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONWARNINGS: 'ignore' } },
    );
    data = JSON.parse(out);
  } finally {
    await server.close();
  }
  const targets = [];
  const tables = [];
  for (const [mode, key] of [
    ['sync', 'overhead_sync'],
    ['async', 'overhead_async'],
  ]) {
    const o = data[key];
    const per = (name, i) => o[name].map((r) => r[i]);
    const rounds = (a, b, i = 0) => per(a, i).map((v, k) => v / per(b, i)[k]);
    const vsRaw = rounds('aigateway-py', 'httpx');
    const vsOpenai = rounds('aigateway-py', 'openai');
    targets.push(
      target(
        `Python ${mode} chat.completions: aigateway-py time/request vs raw httpx`,
        '≤ 1.10×',
        median(vsRaw),
        (v) => v <= 1.1,
        {
          rounds: vsRaw,
          cpu: median(rounds('aigateway-py', 'httpx', 1)),
        },
      ),
      target(
        `Python ${mode} chat.completions: aigateway-py vs openai (time/request)`,
        '≤ 0.80×',
        median(vsOpenai),
        (v) => v <= 0.8,
        {
          rounds: vsOpenai,
          cpu: median(rounds('aigateway-py', 'openai', 1)),
        },
      ),
    );
    tables.push({
      caption: `Per-request time, ${mode} (median of ${config.rounds} rounds; CPU per request in brackets)`,
      columns: ['client', 'time/request', 'CPU/request', 'vs httpx'],
      rows: ['httpx', 'aigateway-py', 'openai'].map((name) => [
        name,
        us(median(per(name, 0))),
        us(median(per(name, 1))),
        ratio(median(rounds(name, 'httpx'))),
      ]),
    });
  }
  const s = data.streaming;
  const rate = (name) => s[name].map((r) => s.chunks[name] / r[0]);
  const streamRatio = rate('aigateway-py').map((v, i) => v / rate('openai')[i]);
  targets.push(
    target(
      'Python streaming: aigateway-py vs openai (chunks/s)',
      '≥ 2.00×',
      median(streamRatio),
      (v) => v >= 2,
      {
        rounds: streamRatio,
        cpu: median(s.openai.map((r, i) => r[1] / s['aigateway-py'][i][1])),
      },
    ),
  );
  tables.push({
    caption: `Streaming ${fmt(s.chunks['aigateway-py'])} chat chunks (median of ${config.streamRounds} rounds)`,
    columns: ['client', 'chunks/s', 'CPU s per stream'],
    rows: ['aigateway-py', 'openai'].map((name) => [
      name,
      fmt(median(rate(name))),
      fmt(median(s[name].map((r) => r[1])), 3),
    ]),
  });
  const webhookRows = [];
  for (const [size, rates] of Object.entries(data.webhooks)) {
    const label = bytes(Number(size));
    for (const other of ['stripe Webhook.construct_event', 'standardwebhooks Webhook.verify']) {
      const r = rates['aigateway-py verify_webhook'].map((v, i) => v / rates[other][i]);
      targets.push(
        target(
          `Python webhooks ${label}: verify_webhook vs ${other} (ops/s)`,
          '≥ 1.00×',
          median(r),
          (v) => v >= 1,
          { rounds: r },
        ),
      );
    }
    for (const [name, values] of Object.entries(rates)) webhookRows.push([label, name, fmt(median(values))]);
  }
  tables.push({
    caption: 'Webhook verifications per second',
    columns: ['body', 'verifier', 'ops/s'],
    rows: webhookRows,
  });
  const imp = data.import;
  const importRatio = median(imp['aigateway-py']) / median(imp.openai);
  targets.push(
    target(
      'Python: `from aigateway import AIgateway` vs `from openai import OpenAI` (import time)',
      '≤ 0.50×',
      importRatio,
      (v) => v <= 0.5,
    ),
  );
  tables.push({
    caption: 'Import time in a fresh interpreter (median)',
    columns: ['statement', 'time'],
    rows: [
      ['from aigateway import AIgateway', `${fmt(median(imp['aigateway-py']) * 1000, 1)} ms`],
      ['from openai import OpenAI', `${fmt(median(imp.openai) * 1000, 1)} ms`],
    ],
  });
  const sz = data.sizes;
  targets.push(
    target(
      'Python installed size with dependencies: aigateway-py vs openai',
      '< 1.00×',
      sz['aigateway-py'].with_dependencies / sz.openai.with_dependencies,
      (v) => v < 1,
    ),
  );
  tables.push({
    caption: 'Installed size (files the wheels install, without bytecode caches)',
    columns: ['distribution', 'package', 'with dependencies', 'dependencies'],
    rows: ['aigateway-py', 'openai'].map((d) => [
      d,
      bytes(sz[d].package),
      bytes(sz[d].with_dependencies),
      String(sz[d].dependencies),
    ]),
  });
  return {
    id: 'python',
    title: '8. Python SDK',
    description:
      `CPython ${data.python}; httpx ${data.versions.httpx}, openai ${data.versions.openai}, stripe ${data.versions.stripe}, ` +
      `standardwebhooks ${data.versions.standardwebhooks}, pydantic ${data.versions.pydantic}. The same canned loopback server ` +
      'as sections 1–2 (its own process). Sequential requests (one in flight), clients interleaved and their order rotated ' +
      'per round, after a warm-up; retries off. Raw httpx posts the same body and parses the JSON; the SDKs also validate ' +
      'the response into typed models. Webhooks: the contract-like job.completed body padded to the size, every verifier ' +
      'checks the HMAC and timestamp and parses the JSON (aigateway-py also validates the job snapshot).',
    tables,
    targets,
  };
}
