import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunResult, runInProcess } from './in-process.js';
import { runBin, type SpawnOptions } from './spawn.js';

/** A distinctive key, so a test can prove it never reaches any output. */
export const TEST_KEY = 'sk-aig-e2eNEVERPRINTED0123456789';

/** Working directory, environment overrides (undefined unsets) and piped stdin of one run. */
export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdin?: string | Buffer;
}

/** One emulator per test file (fast jobs), a temp working directory, and every output seen. */
export interface Gateway {
  gw: RunningEmulator;
  /** Environment pointing the CLI at the emulator with TEST_KEY. */
  env: Record<string, string>;
  cwd: string;
  /**
   * Runs `aig` in this process (runCli with captured streams, the real SDK over loopback) against the
   * emulator, recording its output for the key-leak check. Cheap: use it for behaviour.
   */
  aig(args: string[], options?: RunOptions): Promise<RunResult>;
  /**
   * Runs the built binary as a child process, likewise. Costs a Node start-up and the SDK's import each
   * time: use it where the process matters (real pipes, exit status, the bundle).
   */
  bin(args: string[], options?: SpawnOptions): Promise<RunResult>;
  /** Every stdout and stderr of this file's runs, concatenated. */
  transcript(): string;
  close(): Promise<void>;
}

export async function startGateway(): Promise<Gateway> {
  const gw = await startEmulator({ apiKey: TEST_KEY, timeScale: 400, seed: 7 });
  const cwd = await mkdtemp(join(tmpdir(), 'aig-e2e-'));
  const env = { AIGATEWAY_BASE_URL: gw.url, AIGATEWAY_API_KEY: gw.apiKey };
  const seen: string[] = [];
  return {
    gw,
    env,
    cwd,
    async aig(args, options = {}) {
      const result = await runInProcess(args, { cwd, ...options, env: { ...env, ...options.env } });
      seen.push(result.stdout, result.stderr);
      return result;
    },
    async bin(args, options = {}) {
      const result = await runBin(args, { cwd, ...options, env: { ...env, ...options.env } });
      seen.push(result.stdout, result.stderr);
      return result;
    },
    transcript: () => seen.join('\n'),
    async close() {
      await gw.close();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/**
 * The calling file's gateway: started before its tests, closed after them once the check that TEST_KEY appears in
 * none of the file's output has passed. Its members are there from the file's first hook or test on.
 */
export function useGateway(): Gateway {
  let started: Gateway | undefined;
  beforeAll(async () => {
    started = await startGateway();
  });
  afterAll(async () => {
    if (!started) return;
    expect(started.transcript()).not.toContain(TEST_KEY);
    await started.close();
  });
  return new Proxy({} as Gateway, {
    get(_target, member) {
      if (!started)
        throw new Error('useGateway(): the gateway starts in beforeAll; use it in hooks and tests.');
      return started[member as keyof Gateway];
    },
  });
}

/** Parses a --json stdout, failing the test with the output when it is not exactly one JSON document. */
export function json<T = Record<string, unknown>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** POSTs JSON straight to the emulator (test setup, not through aig); throws on a non-2xx answer. */
export async function postJson<T>(g: Gateway, path: string, body: unknown, key = TEST_KEY): Promise<T> {
  const res = await fetch(`${g.gw.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the command tables fill their arguments from: a job run to completion, an eval run, a logged request. */
export interface SeededRuns {
  jobId: string;
  /** The finished job's snapshot: the body of a genuine webhook delivery. */
  jobBody: string;
  evalId: string;
  requestId: string;
}

/** Creates `job` (a POST to an async endpoint), an eval run and a chat request, then finishes the job. */
export async function seedRuns(g: Gateway, job: { path: string; body: unknown }): Promise<SeededRuns> {
  const jobId = (await postJson<{ id: string }>(g, job.path, job.body)).id;
  const evalId = (
    await postJson<{ id: string }>(g, '/evals', {
      name: 'e',
      candidate_models: ['openai/gpt-5.4', 'moonshot/kimi-k2.6'],
      dataset: [{ input: 'hi' }],
      metric: 'quality',
    })
  ).id;
  await postJson(g, '/chat/completions', {
    model: 'openai/gpt-5.4',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const requestId = g.gw.control.requests().at(-1)?.id ?? '';
  await g.gw.control.advance(3600);
  const res = await fetch(`${g.gw.url}/jobs/${jobId}`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
  return { jobId, jobBody: await res.text(), evalId, requestId };
}
