// client.webhooks.unwrap on deliveries the emulator signs and sends (captured at its outgoing fetch).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AIgateway, WebhookVerificationError } from '../../src/index.js';
import { type Harness, startHarness } from '../helpers/emulator.js';

const SECRET = 'whsec_client_unwrap_test_0123456789';

interface Delivery {
  body: string;
  headers: Headers;
}

describe('client.webhooks.unwrap', () => {
  let gw: Harness;
  const deliveries: Delivery[] = [];
  beforeAll(async () => {
    gw = await startHarness('loopback', {
      timeScale: 1000,
      webhookSecret: SECRET,
      // The user's endpoint: keeps what the emulator posts and acknowledges it.
      fetch: async (_url, init) => {
        deliveries.push({ body: String(init?.body), headers: new Headers(init?.headers) });
        return new Response(null, { status: 204 });
      },
    });
  });
  afterAll(() => gw.close());
  afterEach(() => vi.unstubAllEnvs());

  async function delivery(): Promise<Delivery> {
    const count = deliveries.length;
    const job = await gw.client().videos.generate({
      model: 'runwayml/gen-4',
      prompt: 'a sunset',
      duration: 1,
      webhook_url: 'https://hooks.example.com/aigateway',
    });
    await job.wait({ pollInterval: 10 });
    while (deliveries.length === count) await new Promise((r) => setTimeout(r, 10));
    return deliveries[count] as Delivery;
  }

  it('verifies with the client’s webhookSecret and returns the typed event', async () => {
    const { body, headers } = await delivery();
    const event = await gw.client({ webhookSecret: SECRET }).webhooks.unwrap(body, headers);
    expect(event.type).toBe('job.completed');
    if (event.type === 'job.completed') expect(event.data.result_url).toContain('/v1/files/jobs/');
    // A secret per call wins over the client's; a list works during a rotation.
    const other = gw.client({ webhookSecret: 'whsec_wrong_000000000000' });
    await expect(
      other.webhooks.unwrap(body, headers, { secret: ['whsec_old_0000', SECRET] }),
    ).resolves.toEqual(event);
    await expect(other.webhooks.unwrap(body, headers)).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
  });

  it('reads AIGATEWAY_WEBHOOK_SECRET when no webhookSecret is given', async () => {
    const { body, headers } = await delivery();
    vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', SECRET);
    const client = new AIgateway({ apiKey: gw.apiKey, baseURL: gw.baseURL });
    await expect(client.webhooks.unwrap(body, headers)).resolves.toMatchObject({ type: 'job.completed' });
  });

  it('without any secret, says where to put one', async () => {
    const { body, headers } = await delivery();
    vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', '');
    const error = await gw
      .client()
      .webhooks.unwrap(body, headers)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ reason: 'missing_secret' });
    expect((error as Error).message).toMatch(/webhookSecret.*AIGATEWAY_WEBHOOK_SECRET/);
  });

  it('refuses a tampered body and a stale delivery like verifyWebhook', async () => {
    const { body, headers } = await delivery();
    const client = gw.client({ webhookSecret: SECRET });
    await expect(client.webhooks.unwrap(`${body} `, headers)).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
    await expect(
      client.webhooks.unwrap(body, headers, { now: () => Date.now() + 3_600_000 }),
    ).rejects.toMatchObject({ reason: 'timestamp_outside_tolerance' });
  });
});
