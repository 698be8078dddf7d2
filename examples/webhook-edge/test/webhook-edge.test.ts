import { serve } from '@hono/node-server';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway from 'aigateway-js';
import { signWebhook } from 'aigateway-js/webhooks';
import type { ExecutionContext } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhookApp, WEBHOOK_PATH } from '../src/app.js';
import { MemoryInbox } from '../src/inbox.js';
import { bundleWorker, type WorkerBundle } from './bundle.js';

let gw: RunningEmulator;
let client: AIgateway;
let model: string;
let bundle: WorkerBundle;
let receiver: { url: string; close: () => Promise<void> };
const background: Promise<unknown>[] = [];
const env = () => ({ AIGATEWAY_WEBHOOK_SECRET: gw.webhookSecret });
const ctx: ExecutionContext = {
  waitUntil: (promise) => {
    background.push(promise);
  },
  passThroughOnException: () => {},
  props: {},
};

beforeAll(async () => {
  [gw, bundle] = await Promise.all([startEmulator(), bundleWorker()]);
  client = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  const { data } = await client.models.list();
  const video = data.find((m) => m.modality === 'video' && !m.floating && !m.deprecated);
  if (!video) throw new Error('The catalog has no video model.');
  model = video.id;
  // The bundled worker, served on a loopback port as the emulator's webhook_url.
  receiver = await new Promise((resolve) => {
    const server = serve(
      { fetch: (request) => bundle.worker.fetch(request, env(), ctx), port: 0, hostname: '127.0.0.1' },
      (info) =>
        resolve({
          url: `http://127.0.0.1:${info.port}${WEBHOOK_PATH}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
});
afterEach(async () => {
  await Promise.all(background.splice(0));
  vi.restoreAllMocks();
  gw.control.reset();
});
afterAll(async () => {
  await receiver.close();
  await bundle.dispose();
  await gw.close();
});

describe('the edge bundle', () => {
  it('resolves the Web Crypto build of aigateway-js/webhooks and imports no Node.js built-in', () => {
    expect(bundle.inputs.some((path) => path.endsWith('aigateway-js/dist/webhooks.edge.js'))).toBe(true);
    expect(bundle.inputs.some((path) => path.endsWith('aigateway-js/dist/webhooks.js'))).toBe(false);
    expect(bundle.nodeImports).toEqual([]);
    expect(bundle.code).not.toMatch(/["']node:[a-z_/]+["']/);
    expect(bundle.code).toContain('crypto.subtle');
  });
});

describe('the bundled worker against real emulator deliveries', () => {
  it('verifies a completed job, answers 202 and processes it after the response', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const job = await client.videos.generate({
      model,
      prompt: 'a sunrise',
      duration: 1,
      webhook_url: receiver.url,
    });
    await gw.control.advance(5);
    const [delivery] = gw.control.deliveries();
    expect(delivery?.attempts.map((a) => a.status)).toEqual([202]);
    expect(delivery?.status).toBe('delivered');

    await Promise.all(background);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(
      new RegExp(
        `^delivery ${delivery?.id}: job ${job.id} \\(video\\) completed: http://127\\.0\\.0\\.1:\\d+/v1/files/jobs/`,
      ),
    );
  });

  it('verifies a failed job', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const failing = client.withOptions({ defaultHeaders: { 'x-aig-fault': 'job=fail' } });
    const job = await failing.videos.generate({ model, prompt: 'x', duration: 1, webhook_url: receiver.url });
    await gw.control.advance(5);
    expect(gw.control.deliveries()[0]?.attempts.map((a) => a.status)).toEqual([202]);
    await Promise.all(background);
    expect(log.mock.calls[0]?.[0]).toContain(`job ${job.id} (video) failed: `);
  });

  it('acknowledges a redelivered id with 200 and processes it once', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const job = await client.videos.generate({ model, prompt: 'twice', duration: 1 });
    await gw.control.advance(5);
    const signed = signWebhook((await job.refresh()).toJSON(), gw.webhookSecret, {
      timestamp: gw.control.now(),
    });
    const post = () => fetch(receiver.url, { method: 'POST', headers: signed.headers, body: signed.body });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([202, 200]);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    await Promise.all(background);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('rejects a forged delivery with 400 and never processes it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const job = await client.videos.generate({ model, prompt: 'forged', duration: 1 });
    await gw.control.advance(5);
    const forged = signWebhook((await job.refresh()).toJSON(), 'whsec_attacker', {
      timestamp: gw.control.now(),
    });
    const res = await fetch(receiver.url, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'no_matching_signature' });
    expect(background).toHaveLength(0);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('createWebhookApp', () => {
  it('answers 500 and says what to set when the secret binding is missing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createWebhookApp({ inbox: new MemoryInbox(), onEvent: () => {} });
    const res = await app.request(WEBHOOK_PATH, { method: 'POST', body: '{}' }, {}, ctx);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'webhook_secret_not_configured' });
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('wrangler secret put AIGATEWAY_WEBHOOK_SECRET'),
    );
  });
});
