import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { socketCounter } from '../helpers/socket-counter.js';
import { AIgateway, APIUserAbortError, JobFailedError, JobTimeoutError } from '../../src/index.js';

// "Promptly" is proved by construction, not by a stopwatch: every wait below is given a poll
// interval (or a hanging poll) of ten minutes, so only a prompt end can finish inside the test timeout.
const TEN_MINUTES = 600_000;
const video = { model: 'runwayml/gen-4', prompt: 'a sunset over mountains', duration: 2 };

function harness(timeScale: number) {
  const polls: string[] = [];
  let gw: RunningEmulator;
  beforeAll(async () => {
    gw = await startEmulator({
      timeScale,
      onRequest: (entry) => {
        if (entry.method === 'GET' && entry.path.startsWith('/v1/jobs/')) polls.push(entry.path);
      },
    });
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    polls.length = 0;
    gw.control.clearFaults();
  });
  return {
    polls,
    control: () => gw.control,
    url: () => gw.url,
    client: (baseURL = gw.url) => new AIgateway({ apiKey: gw.apiKey, baseURL, logLevel: 'off' }),
  };
}

describe('jobs.wait on a job that fails (clock ×1000)', () => {
  const h = harness(1000);

  it('throws JobFailedError with the failed snapshot and the gateway reason', async () => {
    const client = h.client();
    const job = await client.videos.generate(video, { headers: { 'x-aig-fault': 'job=fail' } });
    const error = await client.jobs.wait(job.id, { pollInterval: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    const failed = error as JobFailedError;
    expect(failed.job).toMatchObject({ id: job.id, status: 'failed', cost_cents: 0 });
    expect(failed.code).toBe('provider_error');
    expect(failed.reason?.length).toBeGreaterThan(0);
    expect(h.polls.at(-1)).toBe(`/v1/jobs/${job.id}`);
  });
});

describe('jobs.wait on a job that never finishes (its clock frozen: time scale 1e-9)', () => {
  const h = harness(1e-9);

  it('ends at the timeout with JobTimeoutError and the last snapshot, without sleeping out the interval', async () => {
    const client = h.client();
    const job = await client.videos.generate(video);
    const error = await client.jobs
      .wait(job.id, { timeout: 300, pollInterval: TEN_MINUTES })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    const timedOut = error as JobTimeoutError;
    expect(timedOut.id).toBe(job.id);
    expect(timedOut.job).toMatchObject({ id: job.id, status: 'queued' });
    expect(timedOut.message).toMatch(/still queued after 300 ms/);
    expect(h.polls).toEqual([`/v1/jobs/${job.id}`]);
    expect(h.control().jobs()[0]).toMatchObject({ status: 'queued', progress: 0 });
  });

  it('ends at the timeout even while a poll hangs, with JobTimeoutError rather than an abort error', async () => {
    const client = h.client();
    const job = await client.videos.generate(video);
    h.control().addFault({ path: '/v1/jobs/', method: 'GET', fault: `latency=${TEN_MINUTES}` });
    const error = await client.jobs.wait(job.id, { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).job).toBeUndefined();
  });
});

describe('jobs.wait with an aborted signal', () => {
  const h = harness(1e-9);

  it('an already aborted signal ends it before any poll', async () => {
    const client = h.client();
    const job = await client.videos.generate(video);
    const error = await client.jobs.wait(job.id, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(h.polls).toEqual([]);
  });

  it('an abort during the poll interval ends it at once', async () => {
    const client = h.client();
    const job = await client.videos.generate(video);
    const controller = new AbortController();
    const waiting = job.wait({ pollInterval: TEN_MINUTES, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    expect(h.polls).toEqual([]);
  });

  it('an abort while a poll is in flight cancels that request and closes its connection', async () => {
    const job = await h.client().videos.generate(video);
    // Only the wait goes through the counting relay, so its one connection is the poll's.
    const relay = await socketCounter(h.url());
    const client = h.client(relay.url);
    h.control().addFault({ path: '/v1/jobs/', method: 'GET', fault: `latency=${TEN_MINUTES}` });
    const controller = new AbortController();
    const waiting = client.jobs.wait(job.id, {
      timeout: TEN_MINUTES,
      pollInterval: TEN_MINUTES,
      signal: controller.signal,
    });
    while (relay.open() === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    await relay.drained();
    await relay.close();
  });
});
