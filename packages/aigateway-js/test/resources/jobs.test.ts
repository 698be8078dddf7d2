import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  type Job,
  JobFailedError,
  JobHandle,
  JobTimeoutError,
  NotFoundError,
} from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

const video = { model: 'runwayml/gen-4', prompt: 'a sunset over mountains', duration: 2 };

describe.each<Transport>(['loopback', 'msw'])('jobs over %s (clock ×20)', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport, { timeScale: 20 });
  });
  afterAll(() => gw.close());

  it('videos.generate resolves to a handle that waits for the completed snapshot', async () => {
    const job = await gw.client().videos.generate({ ...video, webhook_url: 'https://example.com/hooks/aig' });
    expect(job).toBeInstanceOf(JobHandle);
    expect(job).toMatchObject({ object: 'job', type: 'video', webhook_url: 'https://example.com/hooks/aig' });
    expect(['queued', 'running']).toContain(job.status);
    expect(JSON.parse(JSON.stringify(job))).toMatchObject({ id: job.id, status: job.status });
    const seen: Job[] = [];
    const done = await job.wait({ pollInterval: 20, onProgress: (j) => seen.push(j) });
    expect(done).toMatchObject({ id: job.id, status: 'completed', progress: 100 });
    expect(done.result_url).toContain(`/files/jobs/${job.id}/`);
    expect(seen.at(-1)).toEqual(done);
  });

  it('jobs.retrieve, jobs.wait and refresh work from an id', async () => {
    const client = gw.client();
    const job = await client.videos.generate(video);
    const snapshot = await client.jobs.retrieve(job.id);
    expect(snapshot.id).toBe(job.id);
    const done = await client.jobs.wait(job.id, { pollInterval: 20 });
    expect(done.status).toBe('completed');
    const fresh = await job.refresh();
    expect(fresh).toBeInstanceOf(JobHandle);
    expect(fresh.status).toBe('completed');
    // The same completed job; its result URL is signed on each read, so a read a second later
    // carries a later expiry (and signature) for the same file.
    const { result_url: again, ...rest } = await fresh.wait();
    const { result_url: first, ...expected } = done;
    expect(rest).toEqual(expected);
    expect(new URL(again).pathname).toBe(new URL(first).pathname);
  });

  it('a failed job throws JobFailedError with the gateway reason', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'job=fail' } });
    const job = await client.videos.generate(video);
    const error = await job.wait({ pollInterval: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    const failed = error as JobFailedError;
    expect(failed.job).toMatchObject({ id: job.id, status: 'failed' });
    expect(failed.code).toBe(failed.job.error.code);
    expect(failed.reason).toBe(failed.job.error.message);
    expect(failed.message).toContain(failed.reason ?? '<no reason>');
  });

  // Two customers' keys: a client set up with one, a job created with the other's key. Each
  // sub-account sees only its own jobs, so a poll with the client's key would be a 404.
  async function twoCustomers(name: string) {
    const root = gw.client();
    const [a, b] = await Promise.all([
      root.subAccounts.create({ name: `${name}-a-${transport}` }),
      root.subAccounts.create({ name: `${name}-b-${transport}` }),
    ]);
    return { client: gw.client({ apiKey: a.key }), b };
  }

  it('a handle polls with the options the job was created with: key, tag, BYOK keys and headers', async () => {
    const { client, b } = await twoCustomers('handle');
    const job = await client.videos.generate(video, {
      apiKey: b.key,
      tag: 'video-feature',
      byok: { runwayml: 'rw-byok-key-000000001' },
      headers: { 'x-trace-id': 'trace-1' },
    });
    await expect(client.jobs.retrieve(job.id)).rejects.toBeInstanceOf(NotFoundError);
    const since = gw.control.requests().length;
    const done = await job.wait({ pollInterval: 20 });
    expect(done).toMatchObject({ id: job.id, status: 'completed', tag: 'video-feature' });
    const polls = gw.control.requests().slice(since);
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) {
      expect(poll).toMatchObject({ path: `/v1/jobs/${job.id}`, status: 200, sub_account_id: b.id });
      expect(poll.tag).toBe('video-feature');
    }
    const fresh = await job.refresh();
    expect(fresh.status).toBe('completed');
  });

  it('jobs.wait and wait() take request options for the polls', async () => {
    const { client, b } = await twoCustomers('wait');
    const job = await client.videos.generate(video, { apiKey: b.key });
    await expect(client.jobs.wait(job.id, { pollInterval: 20 })).rejects.toBeInstanceOf(NotFoundError);
    const done = await client.jobs.wait(job.id, { pollInterval: 20, apiKey: b.key });
    expect(done.status).toBe('completed');
    const handle = await client.videos.generate(video);
    const tagged = await handle.wait({ pollInterval: 20, tag: 'wait-tag' });
    const last = gw.control.requests().findLast((r) => r.path === `/v1/jobs/${handle.id}`);
    expect(tagged.status).toBe('completed');
    expect(last?.tag).toBe('wait-tag');
  });

  it('an unknown job id is a NotFoundError', async () => {
    await expect(gw.client().jobs.retrieve('job_doesnotexist')).rejects.toBeInstanceOf(NotFoundError);
  });
});

// Loopback only: once a loopback emulator has run in the process, the msw-served emulator's GET
// responses lose their X-Request-Id header (@hono/node-server replaces the global Response).
describe('wait() as an APIPromise, over loopback (clock ×20)', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback', { timeScale: 20 });
  });
  afterAll(() => gw.close());

  it('wait() supports withResponse() and asResponse() like every call', async () => {
    const job = await gw.client().videos.generate(video);
    const { data, response, requestId } = await job.wait({ pollInterval: 20 }).withResponse();
    expect(data.status).toBe('completed');
    expect(requestId).toMatch(/^req_/);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const last = gw.control.requests().findLast((r) => r.path === `/v1/jobs/${job.id}`);
    expect(last?.id).toBe(requestId);
    const raw = await gw.client().jobs.wait(job.id).asResponse();
    expect(((await raw.json()) as Job).status).toBe('completed');
  });
});

describe('jobs on a real-time clock', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback', { timeScale: 1 });
  });
  afterAll(() => gw.close());

  it('times out with the last snapshot', async () => {
    const job = await gw.client().videos.generate(video);
    const error = await job.wait({ timeout: 150, pollInterval: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).job?.id).toBe(job.id);
    expect(['queued', 'running']).toContain((error as JobTimeoutError).job?.status);
  });

  it('aborts at once, without waiting out a long poll interval', async () => {
    const controller = new AbortController();
    const job = await gw.client().videos.generate(video);
    const waiting = gw.client().jobs.wait(job.id, {
      pollInterval: 600_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('an abort reason becomes the cause of the wait’s APIUserAbortError', async () => {
    const controller = new AbortController();
    const job = await gw.client().videos.generate(video);
    const reason = new Error('deploy cancelled');
    const error = await gw
      .client()
      .jobs.wait(job.id, {
        pollInterval: 600_000,
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect((error as Error).message).toBe('Waiting was aborted: deploy cancelled');
  });

  it('completes once the emulator clock moves on', async () => {
    const job = await gw.client().videos.generate(video);
    const waiting = job.wait({
      pollInterval: 20,
      onProgress: (j) => void (j.status !== 'completed' && gw.control.advance(60)),
    });
    await expect(waiting).resolves.toMatchObject({ status: 'completed' });
  });
});
