import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, verifyWebhookAsync } from '../../src/webhooks/index.js';
import { rejection } from './expect-error.js';
import { startReceiver } from './receiver.js';

// Deliveries signed by the emulator (the gateway's behaviour, written independently of this SDK),
// received over real loopback sockets and verified exactly as a user's handler would.
let gateway: RunningEmulator;
beforeAll(async () => {
  gateway = await startEmulator({ timeScale: 1000 });
});
afterAll(() => gateway.close());

async function createVideoJob(
  webhookUrl: string,
  headers: Record<string, string> = {},
): Promise<{ id: string }> {
  const response = await fetch(`${gateway.url}/videos/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      model: 'runwayml/gen-4',
      prompt: 'a sunset over mountains',
      webhook_url: webhookUrl,
    }),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { id: string };
}

async function jobSnapshot(id: string): Promise<unknown> {
  const response = await fetch(`${gateway.url}/jobs/${id}`, {
    headers: { authorization: `Bearer ${gateway.apiKey}` },
  });
  return response.json();
}

describe('webhooks delivered by the emulator', () => {
  it('verify with both verifiers: a completed job, the snapshot of GET /v1/jobs/:id', async () => {
    const receiver = await startReceiver();
    try {
      const job = await createVideoJob(receiver.url);
      const [delivery] = await receiver.waitFor(1);
      const event = verifyWebhook(delivery!.body, delivery!.headers, gateway.webhookSecret);
      expect(event).toMatchObject({
        type: 'job.completed',
        attempt: 1,
        data: { id: job.id, status: 'completed' },
      });
      expect(event.id).toBe(delivery!.headers['x-aig-delivery-id']);
      // The same snapshot as GET /v1/jobs/:id, except result_url, a signed URL minted per response.
      const snapshot = (await jobSnapshot(job.id)) as { result_url: string };
      expect({ ...event.data, result_url: null }).toEqual({ ...snapshot, result_url: null });
      expect(event.data.result_url).toContain(`/v1/files/jobs/${job.id}/`);
      const headers = new Headers(delivery!.headers as Record<string, string>);
      expect(
        await verifyWebhookAsync(delivery!.body.toString('utf8'), headers, gateway.webhookSecret),
      ).toEqual(event);
    } finally {
      await receiver.close();
    }
  });

  it('verify a failed job as job.failed with its error', async () => {
    const receiver = await startReceiver();
    try {
      const job = await createVideoJob(receiver.url, { 'x-aig-fault': 'job=fail' });
      const [delivery] = await receiver.waitFor(1);
      const event = verifyWebhook(delivery!.body, delivery!.headers, gateway.webhookSecret);
      expect(event.type).toBe('job.failed');
      if (event.type !== 'job.failed') return;
      expect(event.data.id).toBe(job.id);
      expect(event.data.error.message.length).toBeGreaterThan(0);
    } finally {
      await receiver.close();
    }
  });

  it('verify every retry attempt: same delivery id, increasing attempt', async () => {
    const receiver = await startReceiver([500, 503, 204]);
    try {
      await createVideoJob(receiver.url);
      const deliveries = await receiver.waitFor(3);
      const events = deliveries.map((d) => verifyWebhook(d.body, d.headers, gateway.webhookSecret));
      expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
      expect(new Set(events.map((e) => e.deliveryId)).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('verify with default options after the emulator clock jumps six hours (t is wall-clock time)', async () => {
    // A gateway signs at send time with its own clock, as the emulator does even when a test has
    // moved its job clock: the body's timestamps are emulator time, `t` is not.
    const emulator = await startEmulator();
    const receiver = await startReceiver();
    try {
      await emulator.control.advance(6 * 3600);
      const response = await fetch(`${emulator.url}/videos/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'runwayml/gen-4', prompt: 'a sunset', webhook_url: receiver.url }),
      });
      expect(response.status).toBe(202);
      await emulator.control.advance(3600); // the job runs to completion on the emulator clock
      const [delivery] = await receiver.waitFor(1);
      const event = verifyWebhook(delivery!.body, delivery!.headers, emulator.webhookSecret);
      const nowSeconds = Date.now() / 1000;
      expect(event.type).toBe('job.completed');
      expect(event.data.created_at).toBeGreaterThan(nowSeconds + 5 * 3600);
      expect(Math.abs(event.timestamp - nowSeconds)).toBeLessThan(300);
    } finally {
      await receiver.close();
      await emulator.close();
    }
  });

  it('reject a genuine delivery checked with another secret, and a re-serialised body', async () => {
    const receiver = await startReceiver();
    try {
      await createVideoJob(receiver.url);
      const [delivery] = await receiver.waitFor(1);
      await rejection(
        verifyWebhookAsync(delivery!.body, delivery!.headers, 'whsec_not_this_accounts_secret'),
        'no_matching_signature',
      );
      const reserialised = JSON.stringify(JSON.parse(delivery!.body.toString('utf8')), null, 2);
      await rejection(
        verifyWebhookAsync(reserialised, delivery!.headers, gateway.webhookSecret),
        'no_matching_signature',
      );
    } finally {
      await receiver.close();
    }
  });
});
