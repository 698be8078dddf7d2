import { type RequestLogEntry, type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AIgateway, RateLimitError } from '../../src/index.js';

// The waits are measured on the gateway's side, from when it finished answering one attempt to when
// the next one arrived: only a lower bound is asserted (a slow machine can only widen the gap).
// 2 ms of slack cover the millisecond granularity of the emulator's `durationMs`.
const SLACK_MS = 2;

interface Seen extends RequestLogEntry {
  /** When the emulator began handling the request (performance.now() scale). */
  start: number;
  /** When it had its response ready. */
  end: number;
}

describe('429 with Retry-After, measured on the emulator', () => {
  let gw: RunningEmulator;
  const seen: Seen[] = [];
  beforeAll(async () => {
    gw = await startEmulator({
      onRequest: (entry) => {
        const end = performance.now();
        seen.push({ ...entry, start: end - entry.durationMs, end });
      },
    });
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    seen.length = 0;
    gw.control.clearFaults();
  });

  const client = (options: { maxRetries?: number; fault?: string } = {}) =>
    new AIgateway({
      apiKey: gw.apiKey,
      baseURL: gw.url,
      logLevel: 'off',
      maxRetries: options.maxRetries,
      defaultHeaders: options.fault ? { 'x-aig-fault': options.fault } : undefined,
    });

  const gaps = () => seen.slice(1).map((entry, i) => entry.start - (seen[i] as Seen).end);

  it('waits at least Retry-After before the next attempt, then succeeds', async () => {
    gw.control.addFault({ path: '/v1/embeddings', fault: 'status=429,retry-after=1', count: 1 });
    const result = await client().embeddings.create({ model: 'baai/bge-m3', input: 'hello' });
    expect(result.data).toHaveLength(1);
    expect(seen.map((s) => s.status)).toEqual([429, 200]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(1000 - SLACK_MS);
  });

  it('gives up with RateLimitError after maxRetries: the emulator saw maxRetries + 1 attempts, each spaced by Retry-After', async () => {
    const maxRetries = 2;
    const error = await client({ maxRetries, fault: 'status=429,retry-after=1' })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const limited = error as RateLimitError;
    expect(limited.retryAfter).toBe(1);
    expect(limited.status).toBe(429);
    expect(seen.map((s) => s.status)).toEqual(Array(maxRetries + 1).fill(429));
    expect(limited.requestId).toBe(seen.at(-1)?.requestId);
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(1000 - SLACK_MS);
  });

  it('maxRetries: 0 makes exactly one attempt', async () => {
    const error = await client({ maxRetries: 0, fault: 'status=429,retry-after=1' })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(1);
  });
});
