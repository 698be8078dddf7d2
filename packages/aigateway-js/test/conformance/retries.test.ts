import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AIgateway } from '../../src/index.js';
import { loadVectors, type ScriptedServer, scriptedServer } from './vectors.js';

interface RetryCase {
  name: string;
  status: number | null;
  headers?: Record<string, string>;
  retries_done?: number;
  max_retries?: number;
  now?: string;
  expect: { retry: false } | { retry: true; delay_ms: { min: number; max: number } };
}

// The waits the request core asks for are recorded and skipped (never timed).
const waits = vi.hoisted(() => ({ delays: [] as number[] }));
vi.mock('../../src/internal/sleep.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/internal/sleep.js')>();
  return {
    sleep: (ms: number, signal?: AbortSignal | null) => {
      waits.delays.push(ms);
      return actual.sleep(0, signal);
    },
  };
});

const { cases, ...file } = loadVectors<RetryCase>('retries.json') as ReturnType<
  typeof loadVectors<RetryCase>
> & { policy: { max_retries: number } };

describe('conformance: retries.json (over loopback)', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await scriptedServer();
  });
  afterAll(() => server.close());
  afterEach(() => {
    waits.delays.length = 0;
    vi.restoreAllMocks();
  });

  it('assumes the SDK defaults', () => {
    expect(file.policy.max_retries).toBe(2);
  });

  it.each(cases)('$name', async (c) => {
    const done = c.retries_done ?? 0;
    // A connection error: the server closes the socket without answering.
    const failure = c.status === null ? { status: 0 } : { status: c.status, headers: c.headers };
    const earlier = Array.from({ length: done }, () => ({ status: 503 }));
    server.script([
      ...earlier,
      failure,
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"object":"list","data":[]}' },
    ]);
    if (c.now) vi.spyOn(Date, 'now').mockReturnValue(Date.parse(c.now));
    const client = new AIgateway({
      apiKey: 'sk-aig-conformance-retries-0000',
      baseURL: server.url,
      maxRetries: c.max_retries ?? file.policy.max_retries,
      logLevel: 'off',
    });
    const result = await client.models.list().then(
      () => 'ok',
      () => 'error',
    );
    expect(server.requests()).toHaveLength(done + (c.expect.retry ? 2 : 1));
    expect(result).toBe(c.expect.retry ? 'ok' : 'error');
    if (c.expect.retry) {
      const delay = waits.delays[done];
      expect(delay).toBeGreaterThanOrEqual(c.expect.delay_ms.min);
      expect(delay).toBeLessThanOrEqual(c.expect.delay_ms.max);
    }
  });
});
