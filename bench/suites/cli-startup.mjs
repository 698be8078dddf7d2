// 4. CLI start-up: `aig --version`, `aig --help` and `aig models --json` (against a started
// emulator) vs `node -e 0`, each a fresh process, interleaved; wall time and peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../lib/config.mjs';
import { fmt, ms, ratio, target } from '../lib/format.mjs';
import { CLI_BIN, EMULATOR_ENTRY } from '../lib/paths.mjs';
import { memoryMethod, timed, usage } from '../lib/spawn.mjs';
import { mean, median, min } from '../lib/stats.mjs';

const { startEmulator } = await import(EMULATOR_ENTRY);

export async function run() {
  const gw = await startEmulator();
  // An empty cwd and HOME so no .env or user config is picked up; CI=true: nothing may prompt. A
  // minimal env also keeps out e.g. NODE_EXTRA_CA_CERTS, which costs every node start-up ~50 ms here.
  const cwd = mkdtempSync(join(tmpdir(), 'aig-bench-cli-'));
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    CI: 'true',
    NO_COLOR: '1',
    AIGATEWAY_API_KEY: gw.apiKey,
    AIGATEWAY_BASE_URL: gw.url,
  };
  const cases = {
    'node -e 0': ['-e', '0'],
    'aig --version': [CLI_BIN, '--version'],
    'aig --help': [CLI_BIN, '--help'],
    'aig models --json': [CLI_BIN, 'models', '--json'],
  };
  const names = Object.keys(cases);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const rss = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  try {
    // The first run of each also checks it works: a failing command would look fast.
    for (const name of names) {
      const r = await timed(process.execPath, cases[name], { env, cwd, captureStdout: true });
      if (r.code !== 0) throw new Error(`${name} exited with ${r.code}: ${r.stderr.slice(0, 500)}`);
      if (name === 'aig models --json' && !Array.isArray(JSON.parse(r.stdout).data ?? JSON.parse(r.stdout))) {
        throw new Error(`aig models --json printed no model list: ${r.stdout.slice(0, 200)}`);
      }
    }
    for (let i = 0; i < config.cliWarmup + config.cliRuns; i++) {
      for (const name of names) {
        const r = await timed(process.execPath, cases[name], { env, cwd });
        if (r.code !== 0) throw new Error(`${name} exited with ${r.code}: ${r.stderr.slice(0, 500)}`);
        if (i >= config.cliWarmup) times[name].push(r.wallMs);
      }
    }
    for (let i = 0; i < config.memoryRuns; i++) {
      for (const name of names) {
        const u = await usage(cases[name], { env, cwd });
        rss[name].push(u.rssKb);
        cpu[name].push(u.cpuMs);
      }
    }
  } finally {
    await gw.close();
    rmSync(cwd, { recursive: true, force: true });
  }
  const base = median(times['node -e 0']);
  const baseRss = median(rss['node -e 0']);
  const baseCpu = median(cpu['node -e 0']);
  const rows = names.map((name) => [
    name,
    ms(mean(times[name])),
    ms(median(times[name])),
    ms(min(times[name])),
    ratio(median(times[name]) / base),
    ms(median(cpu[name])),
    ratio(median(cpu[name]) / baseCpu),
    `${fmt(median(rss[name]) / 1024, 1)} MB`,
    ratio(median(rss[name]) / baseRss),
  ]);
  const version = median(times['aig --version']) / base;
  const models = median(times['aig models --json']) / base;
  return {
    id: 'cli-startup',
    title: '4. CLI start-up',
    description:
      `Each command is a fresh \`node\` process (\`child_process.spawn\`, wall time from spawn to exit with ` +
      `\`process.hrtime\`), ${config.cliRuns} runs each after ${config.cliWarmup} warm-up rounds, the four ` +
      `commands interleaved, in an empty directory with a minimal environment (PATH, HOME, CI, NO_COLOR, key, ` +
      'base URL). `aig models --json` talks to an emulator started in the harness process. CPU ' +
      '(user + system, as the child reports it at exit through a preloaded module: robust to other load) and ' +
      `peak RSS: median of ${config.memoryRuns} separate runs, RSS measured with ${
        memoryMethod() === 'gnu-time'
          ? '`/usr/bin/time -f %M`'
          : "the child's own `process.resourceUsage().maxRSS` (GNU time not available)"
      }.`,
    tables: [
      {
        columns: [
          'command',
          'mean',
          'median',
          'min',
          'median vs node',
          'CPU',
          'CPU vs node',
          'peak RSS',
          'RSS vs node',
        ],
        rows,
      },
    ],
    targets: [
      target('CLI: `aig --version` median wall time vs `node -e 0`', '≤ 1.50×', version, (v) => v <= 1.5, {
        rounds: times['aig --version'].map((t, i) => t / times['node -e 0'][i]),
        cpu: median(cpu['aig --version']) / baseCpu,
      }),
      target(
        'CLI: `aig models --json` (emulator) median wall time vs `node -e 0`',
        '≤ 2.50×',
        models,
        (v) => v <= 2.5,
        {
          rounds: times['aig models --json'].map((t, i) => t / times['node -e 0'][i]),
          cpu: median(cpu['aig models --json']) / baseCpu,
        },
      ),
    ],
    notes: [],
  };
}
