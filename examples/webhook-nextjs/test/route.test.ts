import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway from 'aigateway-js';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST, runtime } from '../app/api/webhooks/aigateway/route';
import Home from '../app/page';
import { jobResult } from '../lib/job-results';
import { type CapturedDelivery, startCapture, toRequest } from './capture';

let gw: RunningEmulator;
let client: AIgateway;
let model: string;
let capture: Awaited<ReturnType<typeof startCapture>>;

beforeAll(async () => {
  gw = await startEmulator();
  client = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  const { data } = await client.models.list();
  const video = data.find((m) => m.modality === 'video' && !m.floating && !m.deprecated);
  if (!video) throw new Error('The catalog has no video model.');
  model = video.id;
  // The first attempt of every delivery fails, so each job yields a real retry as well.
  capture = await startCapture((attempt) => (attempt === 1 ? 500 : 204));
});
beforeEach(() => {
  vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', gw.webhookSecret);
});
afterEach(() => {
  vi.unstubAllEnvs();
  capture.deliveries.length = 0;
  gw.control.reset();
});
afterAll(async () => {
  await capture.close();
  await gw.close();
});

/** Runs a real job with the capture receiver as webhook_url; returns its two delivery attempts. */
async function deliveriesOf(options: { fail?: boolean } = {}) {
  const jobs = options.fail ? client.withOptions({ defaultHeaders: { 'x-aig-fault': 'job=fail' } }) : client;
  const job = await jobs.videos.generate({
    model,
    prompt: 'a red kite',
    duration: 1,
    webhook_url: capture.url,
  });
  await gw.control.advance(5); // finished; attempt 1 (answered 500)
  await gw.control.advance(30); // attempt 2 (answered 204)
  const [first, retry] = capture.deliveries as [CapturedDelivery, CapturedDelivery];
  return { job, first, retry };
}

describe('POST /api/webhooks/aigateway', () => {
  it('is a Node.js route handler', () => {
    expect(runtime).toBe('nodejs');
  });

  it('verifies a real delivery and records the job result', async () => {
    const { job, first } = await deliveriesOf();
    const res = await POST(toRequest(first));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });

    const sent = JSON.parse(first.body) as { result_url: string };
    expect(jobResult(job.id)).toMatchObject({
      jobId: job.id,
      status: 'completed',
      resultUrl: sent.result_url,
      error: null,
    });
    expect(renderToStaticMarkup(Home())).toContain(`<code>${job.id}</code>`);
  });

  it('acknowledges the emulator’s retry of the same delivery without processing it twice', async () => {
    const { job, first, retry } = await deliveriesOf();
    expect(retry.headers.get('x-aig-delivery-id')).toBe(first.headers.get('x-aig-delivery-id'));
    expect(retry.headers.get('x-aig-attempt')).toBe('2');

    expect(await (await POST(toRequest(first))).json()).toEqual({ received: true, duplicate: false });
    const recorded = jobResult(job.id);
    const again = await POST(toRequest(retry));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(jobResult(job.id)).toBe(recorded); // not re-recorded
  });

  it('records a failed job with the gateway’s reason', async () => {
    const { job, first } = await deliveriesOf({ fail: true });
    expect(first.headers.get('x-aig-event-type')).toBe('job.failed');
    expect((await POST(toRequest(first))).status).toBe(200);
    expect(jobResult(job.id)).toMatchObject({ status: 'failed', resultUrl: null });
    expect(jobResult(job.id)?.error).toMatch(/failed/);
  });

  it('rejects a delivery signed with another secret, or whose body was re-serialised, with 400', async () => {
    const { job, first } = await deliveriesOf();
    vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', 'whsec_someone_else');
    const forged = await POST(toRequest(first));
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'no_matching_signature' });

    vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', gw.webhookSecret);
    const reserialised = JSON.stringify(JSON.parse(first.body), null, 2);
    const tampered = await POST(toRequest(first, reserialised));
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({ error: 'no_matching_signature' });
    expect(jobResult(job.id)).toBeUndefined();
  });

  it('answers 500 without leaking anything when the secret is not configured', async () => {
    const { first } = await deliveriesOf();
    vi.stubEnv('AIGATEWAY_WEBHOOK_SECRET', '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await POST(toRequest(first));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'webhook_secret_not_configured' });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('AIGATEWAY_WEBHOOK_SECRET is not set'));
    errors.mockRestore();
  });
});
