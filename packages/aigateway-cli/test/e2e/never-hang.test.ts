// Issue #15, "It must never hang or lose work", through the built binary: a gateway that never answers, Ctrl-C
// and --timeout during a job or eval wait, progress off a terminal, and the notice for a long retry.
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';
import { startBin } from '../helpers/spawn.js';

let g: Gateway;
// Jobs on this one take real seconds (time scale 1): long enough to interrupt or outwait.
let slow: RunningEmulator;
// A TCP server that accepts connections and never answers.
let silent: Server;
let silentURL: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  g = await startGateway();
  slow = await startEmulator({ apiKey: TEST_KEY, timeScale: 1, seed: 3 });
  silent = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentURL = `http://127.0.0.1:${(silent.address() as { port: number }).port}/v1`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await slow.close();
  await g.close();
});

const slowEnv = () => ({ AIGATEWAY_BASE_URL: slow.url, AIGATEWAY_API_KEY: TEST_KEY });
const errorLine = (stderr: string) =>
  JSON.parse(stderr.trim().split('\n').at(-1) as string) as { error: Record<string, unknown> };

describe('a gateway that never answers', () => {
  it.each([
    ['--timeout', ['--timeout', '1', 'models'], {}],
    ['AIGATEWAY_TIMEOUT', ['models'], { AIGATEWAY_TIMEOUT: '1' }],
    ['--json', ['models', '--json', '--timeout', '1'], {}],
    ['init (its key check)', ['init', '--no-scaffold', '--timeout', '1'], {}],
  ])('ends with exit 7 and a timeout error (%s)', async (_name, args, env) => {
    const cwd = join(g.cwd, `silent-${_name.replace(/\W/g, '')}`);
    await mkdir(cwd, { recursive: true });
    const started = Date.now();
    const r = await g.bin(args, { env: { AIGATEWAY_BASE_URL: silentURL, ...env }, cwd, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(7);
    expect(Date.now() - started).toBeLessThan(20_000);
    if (args.includes('--json')) {
      expect(errorLine(r.stderr).error).toMatchObject({ code: 'timeout', exit_code: 7 });
    } else {
      expect(r.stderr).toContain(`No answer from ${silentURL}`);
      expect(r.stderr).toMatch(/within 1 s/);
      expect(r.stderr).toMatch(/--timeout <seconds> \(or AIGATEWAY_TIMEOUT\)/);
    }
  });

  it('names where the URL came from', async () => {
    const r = await g.bin(['--timeout', '1', 'models'], { env: { AIGATEWAY_BASE_URL: silentURL } });
    expect(r.stderr).toContain(`${silentURL} (from AIGATEWAY_BASE_URL)`);
  });

  it('rejects a bad --timeout or AIGATEWAY_TIMEOUT with exit 2', async () => {
    for (const [args, env] of [
      [['--timeout', '0', 'models'], {}],
      [['models'], { AIGATEWAY_TIMEOUT: 'soon' }],
    ] as const) {
      const r = await g.bin([...args], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/(--timeout|AIGATEWAY_TIMEOUT) must be a number of seconds/);
    }
  });
});

describe('a job or an eval is never lost', () => {
  it('prints the job id at once off a terminal; Ctrl-C says it still runs and how to resume', async () => {
    const child = startBin(['call', 'runwayml/gen-4', 'a sunset', '--duration', '30', '--out', 'cc.mp4'], {
      env: slowEnv(),
      cwd: g.cwd,
    });
    const [, id] = await child.waitFor('stderr', /Submitted (job_\w+) \(queued\); waiting for it/);
    const r = await child.interrupt();
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(
      `Stopped waiting; ${id} is still running on the gateway. Resume with: aig jobs wait ${id} --out cc.mp4`,
    );
  });

  it('with --json, Ctrl-C and --timeout put job_id (and the resume command) in the error', async () => {
    const submits = () => slow.control.requests().filter((r) => r.path === '/v1/videos/generations').length;
    const before = submits();
    const child = startBin(['call', 'runwayml/gen-4', 'a sunset', '--duration', '30', '--json'], {
      env: slowEnv(),
    });
    // Nothing but the error may reach stderr with --json: wait until the job exists on the emulator.
    const deadline = Date.now() + 10_000;
    while (submits() === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const interrupted = await child.interrupt();
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    const { error } = errorLine(interrupted.stderr);
    expect(error).toMatchObject({
      code: 'interrupted',
      exit_code: 130,
      job_id: expect.stringMatching(/^job_/),
    });
    expect(error.message).toContain(`aig jobs wait ${error.job_id}`);

    const timedOut = await g.bin(
      ['call', 'runwayml/gen-4', 'a sunset', '--duration', '30', '--json', '--timeout', '2'],
      { env: slowEnv(), timeoutMs: 30_000 },
    );
    expect(timedOut.code).toBe(7);
    expect(timedOut.stdout).toBe('');
    const timeout = errorLine(timedOut.stderr);
    expect(timeout.error).toMatchObject({ code: 'timeout', job_id: expect.stringMatching(/^job_/) });
    expect(timeout.error.message).toMatch(
      /is still (queued|running) after 2 s; it keeps running on the gateway/,
    );
    expect(timeout.error.message).toContain(`Resume with: aig jobs wait ${timeout.error.job_id}`);
  });

  it('eval run --wait prints the run id at once; Ctrl-C names aig eval wait', async () => {
    const dataset = join(g.cwd, 'slow-dataset.json');
    await writeFile(dataset, JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ input: `q${i}` }))));
    const child = startBin(
      [
        'eval',
        'run',
        '--name',
        'slow',
        '--candidates',
        'openai/gpt-5.4,moonshot/kimi-k2.6',
        '--dataset',
        dataset,
        '--wait',
      ],
      { env: slowEnv() },
    );
    const [, id] = await child.waitFor('stderr', /Started (eval_\w+); waiting for its scores/);
    const r = await child.interrupt();
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`${id} is still running on the gateway. Resume with: aig eval wait ${id}`);
  });
});

describe('long waits are never silent off a terminal', () => {
  it('a job wait prints a progress line at least every AIGATEWAY_PROGRESS_INTERVAL seconds', async () => {
    const submitted = await fetch(`${slow.url}/videos/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'runwayml/gen-4', prompt: 'x', duration: 30 }),
    });
    const { id } = (await submitted.json()) as { id: string };
    const r = await g.bin(['jobs', 'wait', id, '--timeout', '4'], {
      env: { ...slowEnv(), AIGATEWAY_PROGRESS_INTERVAL: '1' },
    });
    expect(r.code).toBe(7);
    const progress = r.stderr.split('\n').filter((line) => line.startsWith(`${id} `));
    expect(progress.length, r.stderr).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatch(/\(waited \d s\)$/);
    // --json keeps stderr for the error line alone.
    const quiet = await g.bin(['jobs', 'wait', id, '--timeout', '2', '--json'], {
      env: { ...slowEnv(), AIGATEWAY_PROGRESS_INTERVAL: '1' },
    });
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a rate-limit retry that waits says so on stderr', async () => {
    g.gw.control.addFault({ path: '/v1/models', fault: 'status=429,retry-after=3', count: 1 });
    const r = await g.bin(['models']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^GET \/v1\/models: 429 rate limited; retrying in 3 s \(retry 1 of 2\)\.\n$/);
  });
});
