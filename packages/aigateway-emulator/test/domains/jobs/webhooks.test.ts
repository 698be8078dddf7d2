import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY_SCHEDULE } from '../../../src/domains/jobs/webhooks.js';
import { startGateway, type TestGateway } from '../../helpers.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real webhook receiver that answers each attempt with the next status in `statuses` (then 200). */
async function receiver(
  statuses: (number | 'hang')[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = statuses[received.length - 1] ?? 200;
      if (status === 'hang') return;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

/** `verifyWebhook(body, headers, secret)`'s default window: ±300 s around the receiver's own clock. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/** Checks the HMAC and returns the signed `t`. */
function verify(secret: string, r: Received): number {
  const header = String(r.headers['x-aig-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  expect(match).not.toBeNull();
  const expected = createHmac('sha256', secret).update(`${match![1]}.${r.body}`).digest();
  expect(timingSafeEqual(expected, Buffer.from(match![2]!, 'hex'))).toBe(true);
  return Number(match![1]);
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<TestGateway> {
  const gw = await startGateway(options);
  cleanup.push(() => gw.close());
  return gw;
}

describe('webhook deliveries', () => {
  it('walks failed deliveries through the whole retry schedule with clock advance', async () => {
    const hook = await receiver([500, 503, 404, 500, 500, 500]);
    cleanup.push(() => new Promise((r) => hook.server.close(r)));
    const gw = await gateway();
    const realStart = Math.floor(Date.now() / 1000);
    const job = await (
      await gw.call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'sunset', duration: 1, webhook_url: hook.url },
      })
    ).json();
    await gw.control.advance(3);
    expect(hook.received).toHaveLength(1);
    for (const [i, delay] of RETRY_SCHEDULE.slice(1).entries()) {
      await gw.control.advance(delay - 1);
      expect(hook.received, `attempt ${i + 2} waits for its ${delay} s`).toHaveLength(i + 1);
      await gw.control.advance(1);
      expect(hook.received).toHaveLength(i + 2);
    }
    const ids = new Set(hook.received.map((r) => r.headers['x-aig-delivery-id']));
    expect(ids.size).toBe(1);
    expect(hook.received.map((r) => r.headers['x-aig-attempt'])).toEqual(['1', '2', '3', '4', '5', '6']);
    // Signed with wall-clock time (the clock receivers verify against), not the advanced one.
    for (const r of hook.received) {
      expect(verify(gw.webhookSecret, r)).toBeGreaterThanOrEqual(realStart);
      expect(verify(gw.webhookSecret, r)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    }
    for (const r of hook.received) {
      expect(r.headers['x-aig-event-type']).toBe('job.completed');
      expect(r.headers['user-agent']).toBe('AIgateway-Webhooks/1.0');
      expect(JSON.parse(r.body)).toMatchObject({
        id: job.id,
        status: 'completed',
        result: { content_type: 'video/mp4' },
      });
    }
    const [log] = gw.control.deliveries();
    expect(log).toMatchObject({
      status: 'failed',
      event: 'job.completed',
      job_id: job.id,
      next_attempt_at: null,
    });
    expect(log!.attempts.map((a) => a.status)).toEqual([500, 503, 404, 500, 500, 500]);
    // The log is on the emulator clock: each gap is the schedule's delay (±1 s of real time passing).
    const at = log!.attempts.map((a) => a.at);
    for (const [i, delay] of RETRY_SCHEDULE.slice(1).entries()) {
      expect(at[i + 1]! - at[i]! - delay).toBeGreaterThanOrEqual(0);
      expect(at[i + 1]! - at[i]! - delay).toBeLessThanOrEqual(1);
    }
    await gw.control.advance(86_400);
    expect(hook.received).toHaveLength(6);
  });

  it('deliveries after a multi-hour advance() verify against the receiver clock with the default tolerance', async () => {
    const hook = await receiver([500, 200]);
    cleanup.push(() => new Promise((r) => hook.server.close(r)));
    const gw = await gateway();
    await gw.control.advance(6 * 3600);
    const job = await (
      await gw.call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'night', duration: 1, webhook_url: hook.url },
      })
    ).json();
    await gw.control.advance(10); // completes; attempt 1 gets a 500
    await gw.control.advance(RETRY_SCHEDULE[1]!); // attempt 2 is acknowledged
    expect(hook.received).toHaveLength(2);
    for (const r of hook.received) {
      // What verifyWebhook(body, headers, secret) checks with its defaults: the HMAC, then |now − t|.
      const t = verify(gw.webhookSecret, r);
      expect(Math.abs(Date.now() / 1000 - t)).toBeLessThanOrEqual(DEFAULT_TOLERANCE_SECONDS);
      // Fed the emulator clock instead, a verifier would reject it: it is six hours ahead.
      expect(gw.control.now() - t).toBeGreaterThan(6 * 3600 - DEFAULT_TOLERANCE_SECONDS);
      // The snapshot itself stays on the emulator clock, like GET /v1/jobs/:id.
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({ id: job.id, status: 'completed', created_at: job.created_at });
      expect(body.completed_at - t).toBeGreaterThanOrEqual(6 * 3600);
    }
  });

  it('stops retrying once a delivery is acknowledged, and reports failed jobs as job.failed', async () => {
    const hook = await receiver([500, 200]);
    cleanup.push(() => new Promise((r) => hook.server.close(r)));
    const gw = await gateway();
    await gw.call('POST', '/v1/audio/music', {
      body: { model: 'suno/v5', prompt: 'lofi', duration: 5, webhook_url: hook.url },
      headers: { 'x-aig-fault': 'job=fail' },
    });
    await gw.control.advance(60);
    await gw.control.advance(30);
    await gw.control.advance(100_000);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]?.headers['x-aig-event-type']).toBe('job.failed');
    expect(JSON.parse(hook.received[1]!.body)).toMatchObject({
      status: 'failed',
      cost_cents: 0,
      error: { code: 'provider_error' },
      result_url: null,
    });
    expect(gw.control.deliveries()[0]?.status).toBe('delivered');
    expect(gw.control.charges()).toHaveLength(0);
  });

  it('retries a receiver that does not answer in time', async () => {
    const hook = await receiver(['hang']);
    cleanup.push(() => {
      hook.server.closeAllConnections();
      return new Promise((r) => hook.server.close(r));
    });
    const gw = await gateway({ webhookTimeoutMs: 200 });
    await gw.call('POST', '/v1/3d/generations', {
      body: { model: 'stabilityai/stable-fast-3d', prompt: 'cube', webhook_url: hook.url },
    });
    await gw.control.advance(10);
    await gw.control.advance(30);
    const [log] = gw.control.deliveries();
    expect(log!.attempts[0]).toMatchObject({ status: null, error: 'no response within 200 ms' });
    expect(log!.attempts[1]?.status).toBe(200);
  });

  it('runs the schedule on real time with a time scale, without clock advance', async () => {
    const hook = await receiver([500, 500, 500]);
    cleanup.push(() => new Promise((r) => hook.server.close(r)));
    const gw = await gateway({ timeScale: 100_000 });
    await gw.call('POST', '/v1/videos/generations', {
      body: { model: 'google/veo-3', prompt: 'rain', duration: 4, webhook_url: hook.url },
    });
    await vi.waitFor(() => expect(gw.control.deliveries()[0]?.status).toBe('delivered'), {
      timeout: 5000,
      interval: 20,
    });
    expect(hook.received.map((r) => r.headers['x-aig-attempt'])).toEqual(['1', '2', '3', '4']);
  });
});
