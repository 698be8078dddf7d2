import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway, { BadRequestError, type EvalRun } from 'aigateway-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, loadDataset } from '../src/config.js';
import { answerVia, leaderboard, runEval } from '../src/eval-routing.js';

const run = promisify(execFile);
let gw: RunningEmulator;
let client: AIgateway;
let candidates: string[];

beforeAll(async () => {
  gw = await startEmulator({ timeScale: 50 });
  client = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  const { data } = await client.models.list();
  // The two most different chat models in the catalog by price: an expensive and a cheap one.
  const chat = data
    .filter((m) => m.modality === 'chat' && !m.floating && !m.deprecated)
    .sort((a, b) => b.pricing.input_cents - a.pricing.input_cents);
  candidates = [chat[0]?.id, chat.at(-1)?.id].filter((id): id is string => id !== undefined);
  expect(candidates).toHaveLength(2);
});
afterAll(() => gw.close());

const best = (r: EvalRun, by: (s: EvalRun['scores'][number]) => number) =>
  [...r.scores].sort((a, b) => by(a) - by(b))[0]?.model;

describe('eval-driven routing against the emulator', () => {
  it('grades both models on the dataset, and the eval alias answers with the winner', async () => {
    const dataset = await loadDataset('dataset.json');
    const statuses: string[] = [];
    const done = await runEval(client, {
      name: 'support-summaries',
      models: candidates,
      dataset,
      metric: 'quality',
      pollInterval: 20,
      onProgress: (r) => statuses.push(r.status),
    });

    expect(done.status).toBe('completed');
    expect(statuses.at(-1)).toBe('completed');
    expect(done.scores.map((s) => s.model).sort()).toEqual([...candidates].sort());
    expect(done.scores.every((s) => s.samples === dataset.length)).toBe(true);
    expect(done.winner).toBe(best(done, (s) => -s.score));
    expect(done.alias).toBe(`eval:${done.id}`);
    expect(leaderboard(done)[0]).toMatch(new RegExp(`^1\\. ${done.winner} +score`));

    const reply = await answerVia(client, done.alias, 'Summarise: the app crashes on start.');
    expect(reply.model).toBe(done.winner);
    expect(reply.content).toContain(done.winner);
  });

  it('passes the metric through: graded on cost, the cheaper model wins', async () => {
    const done = await runEval(client, {
      name: 'cheapest',
      models: candidates,
      dataset: [{ input: 'Summarise: refund request.' }],
      metric: 'cost',
      pollInterval: 20,
    });
    expect(done.winner).toBe(candidates[1]);
    expect(done.winner).toBe(best(done, (s) => s.cost_cents));
    expect((await answerVia(client, done.alias, 'hi')).model).toBe(candidates[1]);
  });

  it('an alias whose run has no winner yet is refused, which is why the example waits', async () => {
    // A slow clock (runs take minutes), so the run is certainly still going.
    const slow = await startEmulator({ timeScale: 0.01 });
    const slowClient = new AIgateway({ baseURL: slow.url, apiKey: slow.apiKey });
    const created = await slowClient.evals.create({
      name: 'too-early',
      candidate_models: candidates,
      dataset: [{ input: 'x' }],
      metric: 'quality',
    });
    await expect(answerVia(slowClient, created.alias, 'hi')).rejects.toBeInstanceOf(BadRequestError);
    await slow.close();
  });
});

describe('configuration', () => {
  it('needs 2–10 models and a known metric', () => {
    expect(() => loadConfig({ AIG_EVAL_MODELS: 'a/b', AIG_EVAL_METRIC: 'vibes' })).toThrow(
      /AIG_EVAL_MODELS must list 2–10 .*; AIG_EVAL_METRIC must be one of quality, exact_match, contains, latency, cost/,
    );
    expect(loadConfig({ AIG_EVAL_MODELS: ' a/b , c/d ' }).models).toEqual(['a/b', 'c/d']);
  });

  it('explains a malformed dataset', async () => {
    await expect(loadDataset('package.json')).rejects.toThrow(/must be a non-empty JSON array of \{ "input"/);
    await expect(loadDataset('missing.json')).rejects.toThrow(/Cannot read the dataset missing\.json/);
  });
});

describe('pnpm start', () => {
  it('runs as a process: leaderboard, winner, and a routed answer', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: {
        PATH: process.env.PATH,
        AIGATEWAY_API_KEY: gw.apiKey,
        AIGATEWAY_BASE_URL: gw.url,
        AIG_EVAL_MODELS: candidates.join(','),
      },
    });
    const winner = stdout.match(/^winner: (\S+)$/m)?.[1];
    expect(candidates).toContain(winner);
    expect(stdout).toMatch(new RegExp(`routed through eval:eval_\\w+ → ${winner}:`));
    expect(stdout).toMatch(/^In production: AIG_MODEL=eval:eval_\w+ /m);
  });
});
