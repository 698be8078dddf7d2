import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway, { type Job } from 'aigateway-js';
import { afterEach, describe, expect, it } from 'vitest';
import { isLocalGateway, loadConfig } from '../src/config.js';
import { runVideoJob, type VideoJobOutcome } from '../src/video-job.js';
import { startWebhookReceiver } from '../src/webhook-receiver.js';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(options: { timeScale?: number } = {}) {
  const gw: RunningEmulator = await startEmulator(options);
  cleanups.push(gw.close);
  const client = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  const { data } = await client.models.list();
  const model = data.find((m) => m.modality === 'video' && !m.floating && !m.deprecated)?.id;
  if (!model) throw new Error('The catalog has no video model.');
  return { gw, client, model };
}

function expectMp4(outcome: VideoJobOutcome): Uint8Array {
  if (outcome.status !== 'completed') throw new Error(`expected a completed job, got ${outcome.reason}`);
  expect(Buffer.from(outcome.video).toString('latin1', 4, 8)).toBe('ftyp');
  expect(outcome.video.length).toBe(outcome.job.result?.bytes);
  return outcome.video;
}

describe('runVideoJob', () => {
  it('gets the result from the signed webhook and downloads the video from result_url', async () => {
    const { gw, client, model } = await emulator();
    const receiver = await startWebhookReceiver({
      secret: gw.webhookSecret,
      now: () => gw.control.now() * 1000,
    });
    cleanups.push(receiver.close);
    let created!: (job: Job) => void;
    const queued = new Promise<Job>((resolve) => {
      created = resolve;
    });

    const outcome = runVideoJob(client, {
      model,
      prompt: 'a paper boat',
      duration: 2,
      webhookUrl: receiver.url,
      receiver,
      pollInterval: 3_600_000, // polling cannot win: the webhook must deliver
      onCreated: created,
    });
    const job = await queued;
    expect(job.status).toBe('queued');
    await gw.control.advance(10); // the job completes and the emulator POSTs the webhook

    const result = await outcome;
    expect(result).toMatchObject({
      status: 'completed',
      via: 'webhook',
      job: { id: job.id, status: 'completed' },
    });
    expectMp4(result);
    expect(gw.control.deliveries()).toMatchObject([
      { job_id: job.id, status: 'delivered', event: 'job.completed' },
    ]);
  });

  it('falls back to polling and reports progress as the job runs', async () => {
    // timeScale 0.01 stretches the job to 100 s queued + 400 s running, so only advance() moves it.
    const { gw, client, model } = await emulator({ timeScale: 0.01 });
    const polled: Job[] = [];
    let onPoll = () => {};
    const reached = (progress: number) =>
      new Promise<void>((resolve) => {
        onPoll = () => {
          if (polled.at(-1)?.progress === progress) resolve();
        };
        onPoll();
      });
    let created!: () => void;
    const queued = new Promise<void>((resolve) => {
      created = resolve;
    });

    const outcome = runVideoJob(client, {
      model,
      prompt: 'a clock',
      duration: 2,
      pollInterval: 10,
      onCreated: () => created(),
      onProgress: (job) => {
        polled.push(job);
        onPoll();
      },
    });
    await queued;
    for (const [seconds, progress] of [
      [200, 25],
      [100, 50],
      [100, 75],
      [100, 100],
    ] as const) {
      await gw.control.advance(seconds);
      await reached(progress);
    }

    const result = await outcome;
    expect(result).toMatchObject({ status: 'completed', via: 'polling' });
    expectMp4(result);
    const distinct = [...new Set(polled.map((j) => `${j.status} ${j.progress}`))];
    expect(distinct.filter((s) => s !== 'queued 0')).toEqual([
      'running 25',
      'running 50',
      'running 75',
      'completed 100',
    ]);
  });

  it('reports a failed job with the gateway’s reason, from the job.failed webhook', async () => {
    const { gw, client, model } = await emulator();
    const receiver = await startWebhookReceiver({
      secret: gw.webhookSecret,
      now: () => gw.control.now() * 1000,
    });
    cleanups.push(receiver.close);
    let created!: () => void;
    const queued = new Promise<void>((resolve) => {
      created = resolve;
    });
    const failing = client.withOptions({ defaultHeaders: { 'x-aig-fault': 'job=fail' } });
    const outcome = runVideoJob(failing, {
      model,
      prompt: 'doomed',
      duration: 2,
      webhookUrl: receiver.url,
      receiver,
      pollInterval: 3_600_000,
      onCreated: () => created(),
    });
    await queued;
    await gw.control.advance(10);
    const result = await outcome;
    expect(result).toMatchObject({ status: 'failed', via: 'webhook', job: { status: 'failed' } });
    expect(result.status === 'failed' && result.reason).toMatch(/not charged/);
  });

  it('reports a failed job from polling when there is no webhook', async () => {
    const { client, model } = await emulator({ timeScale: 100 });
    const failing = client.withOptions({ defaultHeaders: { 'x-aig-fault': 'job=fail' } });
    const result = await runVideoJob(failing, { model, prompt: 'doomed', duration: 1, pollInterval: 10 });
    expect(result).toMatchObject({ status: 'failed', via: 'polling', job: { status: 'failed' } });
  });
});

describe('configuration', () => {
  it('lists every problem at once', () => {
    expect(() => loadConfig({ AIG_VIDEO_DURATION: '-1', PORT: 'x' })).toThrow(
      /AIG_VIDEO_MODEL is not set .*; AIG_VIDEO_DURATION must be a positive number \(got '-1'\); PORT must be 0–65535/,
    );
  });

  it('sends a local receiver URL only to a gateway on this machine', () => {
    expect(isLocalGateway('http://127.0.0.1:4010/v1')).toBe(true);
    expect(isLocalGateway('https://api.aigateway.sh/v1')).toBe(false);
  });
});

describe('pnpm start', () => {
  it('runs as a process: webhook receiver, job, saved video', async () => {
    const { gw, model } = await emulator({ timeScale: 50 });
    const outDir = await mkdtemp(join(tmpdir(), 'video-job-'));
    cleanups.push(() => rm(outDir, { recursive: true, force: true }));
    const { stdout } = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: {
        PATH: process.env.PATH,
        AIGATEWAY_API_KEY: gw.apiKey,
        AIGATEWAY_BASE_URL: gw.url,
        AIGATEWAY_WEBHOOK_SECRET: gw.webhookSecret,
        AIG_VIDEO_MODEL: model,
        AIG_VIDEO_DURATION: '1',
        PORT: '0',
        OUT_DIR: outDir,
      },
    });
    expect(stdout).toMatch(/^webhook receiver on http:\/\/127\.0\.0\.1:\d+\/webhooks\/aigateway$/m);
    expect(stdout).toMatch(/^job job_\w+ queued/m);
    expect(stdout).toMatch(/completed \(reported by (webhook|polling)\); saved .*video\.mp4 \(\d+ bytes\)/);
    expect(stdout).not.toContain(gw.apiKey);
    const video = await readFile(join(outDir, 'video.mp4'));
    expect(video.toString('latin1', 4, 8)).toBe('ftyp');
  });
});
