import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AIgateway, type JobHandle } from '../../src/index.js';
import { runPool } from './pool.js';

// The SDK has no public knob for its backoff (0.5 s doubling to 8 s), so the sleep it calls is
// swapped for one that waits 1/50 of the asked time: retries stay real and ordered, the run stays short.
const waits = vi.hoisted(() => ({ asked: [] as number[] }));
vi.mock('../../src/internal/sleep.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/internal/sleep.js')>();
  return {
    sleep: (ms: number, signal?: AbortSignal | null) => {
      waits.asked.push(ms);
      return actual.sleep(ms / 50, signal);
    },
  };
});

const CALLS = 1_000;
const CONCURRENCY = 32;
const DROP_RATE = 0.2;
// A call fails only if all of its 1 + MAX_RETRIES attempts are dropped: 0.2^13 ≈ 8e-10 per call,
// under 1e-6 for the whole run.
const MAX_RETRIES = 12;

describe(`${CALLS} video jobs while ${DROP_RATE * 100}% of responses are lost after processing`, () => {
  let gw: RunningEmulator;
  beforeAll(async () => {
    gw = await startEmulator({ seed: 8, fetch: async () => new Response(null, { status: 204 }) });
  });
  afterAll(() => gw.close());

  it('every call succeeds through retries; exactly one job and one charge per call', async () => {
    const rule = gw.control.addFault({
      path: '/v1/videos/generations',
      method: 'POST',
      fault: 'drop=after',
      probability: DROP_RATE,
    });
    const attempts = new Map<string, number>();
    const client = new AIgateway({
      apiKey: gw.apiKey,
      baseURL: gw.url,
      maxRetries: MAX_RETRIES,
      logLevel: 'off',
      fetch: (input, init) => {
        const key = new Headers(init?.headers).get('idempotency-key') ?? '';
        attempts.set(key, (attempts.get(key) ?? 0) + 1);
        return globalThis.fetch(input, init);
      },
    });

    const results = await runPool(CALLS, CONCURRENCY, (i) =>
      client.videos.generate({ model: 'runwayml/gen-4', prompt: `sunset #${i}`, duration: 2 }),
    );

    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures, String((failures[0] as PromiseRejectedResult | undefined)?.reason)).toEqual([]);
    const jobs = results.map((r) => (r as PromiseFulfilledResult<JobHandle>).value);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(CALLS);

    // The fault really fired (~200 times), every drop cost exactly one extra attempt with the same key.
    const hits = gw.control.faults().find((f) => f.id === rule.id)?.hits ?? 0;
    expect(hits).toBeGreaterThan(CALLS * DROP_RATE * 0.6);
    expect(attempts.size).toBe(CALLS);
    expect([...attempts.values()].reduce((a, b) => a + b, 0)).toBe(CALLS + hits);
    expect(waits.asked).toHaveLength(hits);
    expect(Math.max(...attempts.values())).toBeGreaterThan(1);

    // The gateway's side: 1,000 jobs, no duplicate, and after they complete, 1,000 charges.
    expect(gw.control.state()).toMatchObject({ jobs: { total: CALLS } });
    gw.control.clearFaults();
    await gw.control.advance(3600);
    expect(gw.control.state()).toMatchObject({ jobs: { total: CALLS, completed: CALLS } });
    const charges = gw.control.charges().filter((c) => c.endpoint === '/v1/videos/generations');
    expect(charges).toHaveLength(CALLS);
    expect(new Set(charges.map((c) => c.request_id))).toEqual(new Set(jobs.map((j) => j.request_id)));
    const price = charges[0]?.cost_cents ?? 0;
    expect(price).toBeGreaterThan(0);
    expect(charges.every((c) => c.cost_cents === price && !c.refunded)).toBe(true);
  }, 120_000);
});
