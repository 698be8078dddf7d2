import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { AIgateway } from '../../src/index.js';
import { startDedupeReceiver } from './dedupe-receiver.js';

// Real deliveries from the emulator over loopback to a receiver that verifies and dedupes like the
// examples do. Waits on the real clock are only bounded from below (a slow machine widens them).
const SLACK_MS = 2;
const video = { model: 'runwayml/gen-4', prompt: 'a sunset over mountains', duration: 1 };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

async function emulator(timeScale: number, webhookSecret?: string): Promise<RunningEmulator> {
  const gw = await startEmulator({ timeScale, ...(webhookSecret ? { webhookSecret } : {}) });
  cleanup.push(() => gw.close());
  return gw;
}

const client = (gw: RunningEmulator) =>
  new AIgateway({ apiKey: gw.apiKey, baseURL: gw.url, logLevel: 'off' });
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

describe('webhook redelivery to a receiver that answers 500 twice, then 200', () => {
  it('walks the schedule on the emulator clock: attempt 2 after 30 s, attempt 3 after 2 min, one delivery id', async () => {
    const gw = await emulator(1);
    const receiver = await startDedupeReceiver({
      secret: gw.webhookSecret,
      now: () => gw.control.now() * 1000,
      failure: (n) => (n <= 2 ? 'before' : undefined),
    });
    cleanup.push(receiver.close);
    const job = await client(gw).videos.generate({ ...video, webhook_url: receiver.url });

    await gw.control.advance(60); // the job completes; attempt 1 goes out at once
    expect(receiver.received.map((r) => r.status)).toEqual([500]);
    await gw.control.advance(29);
    expect(receiver.received).toHaveLength(1);
    await gw.control.advance(1);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500]);
    await gw.control.advance(119);
    expect(receiver.received).toHaveLength(2);
    await gw.control.advance(1);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    await gw.control.advance(6 * 3600); // nothing more after the acknowledgement
    expect(receiver.received).toHaveLength(3);

    const headers = receiver.received.map((r) => r.headers);
    expect(headers.map((h) => header(h['x-aig-attempt']))).toEqual(['1', '2', '3']);
    const ids = new Set(headers.map((h) => header(h['x-aig-delivery-id'])));
    expect(ids.size).toBe(1);
    expect(receiver.processed).toHaveLength(1);
    expect(receiver.processed[0]).toMatchObject({ type: 'job.completed', attempt: 3, data: { id: job.id } });

    const [log] = gw.control.deliveries();
    expect(log).toMatchObject({ job_id: job.id, status: 'delivered', next_attempt_at: null });
    expect(log?.id).toBe([...ids][0]);
    expect(log?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const at = log?.attempts.map((a) => a.at) ?? [];
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(30);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(120);
  });

  it('on a time-scaled clock (×600) with no advance; an acknowledgement lost after processing is not processed twice', async () => {
    const scale = 600;
    const gw = await emulator(scale);
    // Attempt 1: the receiver's database is down (500, nothing done). Attempt 2: processed, but the
    // 2xx never made it (500). Attempt 3: the delivery id is known, so it is acknowledged, not redone.
    const receiver = await startDedupeReceiver({
      secret: gw.webhookSecret,
      failure: (n) => (n === 1 ? 'before' : n === 2 ? 'after' : undefined),
    });
    cleanup.push(receiver.close);
    const job = await client(gw).videos.generate({ ...video, webhook_url: receiver.url });

    const deliveries = await receiver.waitFor(3);
    await gw.control.settle();
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(deliveries.map((d) => header(d.headers['x-aig-attempt']))).toEqual(['1', '2', '3']);
    expect(new Set(deliveries.map((d) => header(d.headers['x-aig-delivery-id']))).size).toBe(1);
    const [first, second, third] = deliveries.map((d) => d.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual((30 * 1000) / scale - SLACK_MS);
    expect(third - second).toBeGreaterThanOrEqual((120 * 1000) / scale - SLACK_MS);

    expect(receiver.processed).toHaveLength(1);
    expect(receiver.processed[0]).toMatchObject({ attempt: 2, data: { id: job.id, status: 'completed' } });
    expect(gw.control.deliveries()[0]).toMatchObject({ status: 'delivered' });

    // A captured delivery sent again (a replay, or a proxy retrying) is acknowledged, not processed,
    // even with a rewritten delivery id (not signed): the dedupe key comes from the signed body.
    expect(receiver.processed[0]?.dedupeKey).toBe(`job.completed:${job.id}`);
    expect(await receiver.replay(deliveries[0]!)).toBe(200);
    for (const id of ['dlv_forged_1', 'dlv_forged_2', 'dlv_forged_3'])
      expect(await receiver.replay(deliveries[2]!, { 'x-aig-delivery-id': id })).toBe(200);
    expect(receiver.processed).toHaveLength(1);
  });

  it('a delivery signed with another secret is rejected on every attempt and never processed', async () => {
    const gw = await emulator(600, 'whsec_some_other_accounts_secret_000000');
    const receiver = await startDedupeReceiver({ secret: 'whsec_this_endpoints_secret_0000000000' });
    cleanup.push(receiver.close);
    await client(gw).videos.generate({ ...video, webhook_url: receiver.url });
    const deliveries = await receiver.waitFor(3);
    expect(deliveries.map((d) => d.status)).toEqual([400, 400, 400]);
    expect(receiver.processed).toEqual([]);
  });
});
