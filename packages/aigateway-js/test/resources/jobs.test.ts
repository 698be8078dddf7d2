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
    expect(await fresh.wait()).toEqual(done);
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

  it('an unknown job id is a NotFoundError', async () => {
    await expect(gw.client().jobs.retrieve('job_doesnotexist')).rejects.toBeInstanceOf(NotFoundError);
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

  it('completes once the emulator clock moves on', async () => {
    const job = await gw.client().videos.generate(video);
    const waiting = job.wait({
      pollInterval: 20,
      onProgress: (j) => void (j.status !== 'completed' && gw.control.advance(60)),
    });
    await expect(waiting).resolves.toMatchObject({ status: 'completed' });
  });
});
