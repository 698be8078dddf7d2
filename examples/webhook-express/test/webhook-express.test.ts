import { spawn } from 'node:child_process';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway from 'aigateway-js';
import { signWebhook, type WebhookEvent } from 'aigateway-js/webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookApp, WEBHOOK_PATH } from '../src/app.js';
import { MemoryInbox } from '../src/inbox.js';
import { startFlakyProxy } from './flaky-proxy.js';
import { listen, videoModel, waitForLine } from './helpers.js';

let gw: RunningEmulator;
let client: AIgateway;
let model: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  gw = await startEmulator();
  client = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  model = await videoModel(client);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  gw.control.reset();
});
afterAll(() => gw.close());

/** The example app on a loopback port, verifying with the emulator's secret and clock. */
async function startApp(onEvent: (event: WebhookEvent) => Promise<void> | void) {
  const inbox = new MemoryInbox();
  const { app, processor } = createWebhookApp({
    secret: gw.webhookSecret,
    inbox,
    onEvent,
    now: () => gw.control.now() * 1000,
  });
  const server = await listen(app);
  cleanups.push(server.close);
  return { url: `${server.origin}${WEBHOOK_PATH}`, inbox, processor };
}

/** A real final job snapshot from the emulator, to sign by hand. */
async function completedJob() {
  const job = await client.videos.generate({ model, prompt: 'a harbour at night', duration: 1 });
  await gw.control.advance(5);
  return (await job.refresh()).toJSON();
}

describe('webhook-express against real emulator deliveries', () => {
  it('processes a delivery exactly once while the emulator retries it (500, lost 2xx, then 200)', async () => {
    const handled: WebhookEvent[] = [];
    const app = await startApp((event) => {
      handled.push(event);
    });
    const plan = ['down', 'lose-ack', 'pass'] as const;
    const proxy = await startFlakyProxy(app.url, (attempt) => plan[attempt - 1] ?? 'pass');
    cleanups.push(proxy.close);

    const job = await client.videos.generate({
      model,
      prompt: 'a sunset',
      duration: 1,
      webhook_url: proxy.url,
    });
    await gw.control.advance(5); // the job completes; attempt 1 is sent at once
    const statuses = () => gw.control.deliveries()[0]?.attempts.map((a) => a.status);
    expect(statuses()).toEqual([500]);
    await gw.control.advance(30); // attempt 2 after 30 s
    expect(statuses()).toEqual([500, 500]);
    await gw.control.advance(120); // attempt 3 after 2 min
    expect(statuses()).toEqual([500, 500, 200]);
    const [delivery] = gw.control.deliveries();
    expect(delivery?.status).toBe('delivered');

    await app.processor.idle();
    expect(proxy.forwarded).toEqual([2, 3]); // the app saw the same delivery twice…
    expect(handled).toHaveLength(1); // …and processed it once
    expect(handled[0]).toMatchObject({
      type: 'job.completed',
      deliveryId: delivery?.id,
      attempt: 2,
      data: { id: job.id, status: 'completed' },
    });
    expect(handled[0]?.type === 'job.completed' && handled[0].data.result_url).toMatch(/\/v1\/files\/jobs\//);
    expect([...app.inbox.events.keys()]).toEqual([`job.completed:${job.id}`]);
  });

  it('delivers job.failed events too', async () => {
    const handled: WebhookEvent[] = [];
    const app = await startApp((event) => {
      handled.push(event);
    });
    const failing = client.withOptions({ defaultHeaders: { 'x-aig-fault': 'job=fail' } });
    await failing.videos.generate({ model, prompt: 'doomed', duration: 1, webhook_url: app.url });
    await gw.control.advance(5);
    await app.processor.idle();
    expect(handled.map((e) => e.type)).toEqual(['job.failed']);
    expect(handled[0]?.type === 'job.failed' && handled[0].data.error.code).toBe('provider_error');
  });
});

describe('webhook-express with signed requests', () => {
  it('answers 2xx before the handler runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const app = await startApp(async () => {
      await gate;
      finished = true;
    });
    const signed = signWebhook(await completedJob(), gw.webhookSecret, { timestamp: gw.control.now() });

    const res = await fetch(app.url, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
    expect(finished).toBe(false); // the response came back while the handler was still waiting

    release();
    await app.processor.idle();
    expect(finished).toBe(true);
  });

  it('acknowledges a replayed delivery without processing it again', async () => {
    const handled: string[] = [];
    const app = await startApp((event) => {
      handled.push(event.deliveryId);
    });
    const signed = signWebhook(await completedJob(), gw.webhookSecret, { timestamp: gw.control.now() });
    const post = () => fetch(app.url, { method: 'POST', headers: signed.headers, body: signed.body });

    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([202, 200]);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    await app.processor.idle();
    expect(handled).toEqual([signed.headers['x-aig-delivery-id']]);
  });

  it('rejects a wrong signature and a body that is not raw JSON with 400, recording nothing', async () => {
    const app = await startApp(() => {
      throw new Error('must not be called');
    });
    const job = await completedJob();
    const forged = signWebhook(job, 'whsec_not_the_real_secret', { timestamp: gw.control.now() });
    const res = await fetch(app.url, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'no_matching_signature' });

    const signed = signWebhook(job, gw.webhookSecret, { timestamp: gw.control.now() });
    const wrongType = await fetch(app.url, {
      method: 'POST',
      headers: { ...signed.headers, 'content-type': 'text/plain' },
      body: signed.body,
    });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toEqual({ error: 'invalid_body' });
    expect(app.inbox.events.size).toBe(0);
    expect(app.processor.failures).toBe(0);
  });

  it('refuses to start without a secret', () => {
    expect(() => createWebhookApp({ secret: '', inbox: new MemoryInbox(), onEvent: () => {} })).toThrow(
      /set AIGATEWAY_WEBHOOK_SECRET/,
    );
  });
});

describe('pnpm start', () => {
  it('runs as a process and logs a real delivery', async () => {
    const child = spawn('node_modules/.bin/tsx', ['src/index.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        AIGATEWAY_WEBHOOK_SECRET: gw.webhookSecret,
      },
    });
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill();
    });
    const [, port] = await waitForLine(
      child,
      /Listening for AIgateway webhooks on http:\/\/localhost:(\d+)\//,
    );
    const logged = waitForLine(child, /^delivery \w+ \(attempt 1\): job (job_\w+) .* completed: http/);

    const job = await client.videos.generate({
      model,
      prompt: 'a lighthouse',
      duration: 1,
      webhook_url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    });
    await gw.control.advance(5);
    expect((await logged)[1]).toBe(job.id);
  });
});
