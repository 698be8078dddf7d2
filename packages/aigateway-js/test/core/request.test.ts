import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  ProviderError,
  RateLimitError,
} from '../../src/index.js';
import { type Harness, recordingFetch, startHarness, type Transport } from '../helpers/emulator.js';

// Retry waits are observed through the sleep the core calls (its requested durations are recorded
// and the wait itself is skipped), never by measuring wall time.
const waits = vi.hoisted(() => ({ delays: [] as number[], real: false }));
vi.mock('../../src/internal/sleep.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/internal/sleep.js')>();
  return {
    sleep: (ms: number, signal?: AbortSignal | null) => {
      waits.delays.push(ms);
      return actual.sleep(waits.real ? ms : 0, signal);
    },
  };
});

const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'hi' }];

afterEach(() => {
  waits.delays.length = 0;
  waits.real = false;
});

describe.each<Transport>(['loopback', 'msw'])('request core over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());
  afterEach(() => gw.control.clearFaults());

  const statuses = (since: number) =>
    gw.control
      .requests()
      .slice(since)
      .map((r) => r.status);

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=429,retry-after=1', count: 1 });
    const since = gw.control.requests().length;
    const completion = await gw.client().chat.completions.create({ model, messages });
    expect(completion.object).toBe('chat.completion');
    expect(statuses(since)).toEqual([429, 200]);
    expect(waits.delays).toEqual([1000]);
  });

  it('gives up after maxRetries with a RateLimitError carrying retryAfter', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'status=429,retry-after=2' } });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(2);
    expect(waits.delays).toEqual([2000, 2000]);
  });

  it('does not wait longer than the cap: a Retry-After beyond 60 s is thrown at once', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'status=429,retry-after=61' } });
    const since = gw.control.requests().length;
    await expect(client.models.list()).rejects.toMatchObject({ retryAfter: 61 });
    expect(statuses(since)).toEqual([429]);
    expect(waits.delays).toEqual([]);
  });

  it('retries a 502 with backoff, then throws ProviderError with the request id', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'status=502' } });
    const since = gw.control.requests().length;
    const error = await client.chat.completions.create({ model, messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const last = gw.control.requests().at(-1);
    expect((error as ProviderError).requestId).toBe(last?.id);
    expect((error as ProviderError).provider).toBe('openai');
    expect(statuses(since)).toEqual([502, 502, 502]);
    expect(waits.delays).toHaveLength(2);
    expect(waits.delays[0]).toBeGreaterThanOrEqual(375);
    expect(waits.delays[0]).toBeLessThanOrEqual(500);
    expect(waits.delays[1]).toBeGreaterThanOrEqual(750);
    expect(waits.delays[1]).toBeLessThanOrEqual(1000);
  });

  it('retries a 500 and then throws InternalServerError', async () => {
    const client = gw.client({ maxRetries: 1, defaultHeaders: { 'x-aig-fault': 'status=500' } });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).not.toBeInstanceOf(ProviderError);
    expect((error as InternalServerError).code).toBe('internal_error');
    expect(waits.delays).toHaveLength(1);
  });

  it('a key still in flight is a 409 ConflictError (retryable); a reused key with another body is a 422', async () => {
    const key = `conflict-${transport}`;
    const body = { model: 'baai/bge-m3', input: 'same' };
    // Two calls with one key, both held 3 s by the emulator after it claims the key: whichever
    // arrives first holds it, the other is answered 409 at once — whatever order they arrive in.
    const held = { idempotencyKey: key, maxRetries: 0, headers: { 'x-aig-fault': 'latency=3000' } };
    const client = gw.client();
    const outcomes = await Promise.allSettled([
      client.embeddings.create(body, held),
      client.embeddings.create(body, held),
    ]);
    const conflicts = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toBeInstanceOf(ConflictError);
    expect((conflicts[0] as ConflictError).code).toBe('idempotency_in_progress');
    const since = gw.control.requests().length;
    const reused = await client.embeddings
      .create({ ...body, input: 'different' }, { idempotencyKey: key })
      .catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(BadRequestError);
    expect((reused as BadRequestError).status).toBe(422);
    expect(statuses(since)).toEqual([422]);
  });

  it('never retries a 400', async () => {
    const since = gw.control.requests().length;
    const error = await gw
      .client()
      .post('/chat/completions', { body: { model, messages: [] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('messages');
    expect(statuses(since)).toEqual([400]);
    expect(waits.delays).toEqual([]);
  });

  it('never retries a 401, and keeps the key out of the error', async () => {
    const badKey = 'sk-aig-not-a-real-key-000000';
    const error = await gw
      .client({ apiKey: badKey })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(waits.delays).toEqual([]);
    expect(JSON.stringify(error)).not.toContain(badKey);
    expect(String(error)).not.toContain(badKey);
  });

  it('retries a dropped connection and succeeds', async () => {
    gw.control.addFault({ path: '/v1/models', fault: 'drop=before', count: 1 });
    const { data } = await gw.client().models.list().withResponse();
    expect(data.data.length).toBeGreaterThan(0);
    expect(waits.delays).toHaveLength(1);
  });

  it('throws APIConnectionError when every attempt is dropped', async () => {
    const client = gw.client({ maxRetries: 1, defaultHeaders: { 'x-aig-fault': 'drop=before' } });
    await expect(client.models.list()).rejects.toBeInstanceOf(APIConnectionError);
    expect(waits.delays).toHaveLength(1);
  });

  it('a retried job creation (response lost after the job was made) creates one job and one charge', async () => {
    const fetch = recordingFetch();
    gw.control.addFault({ path: '/v1/videos/generations', fault: 'drop=after', count: 1 });
    const jobsBefore = gw.control.jobs().length;
    const { data: job, response } = await gw
      .client({ fetch: fetch.fetch })
      .videos.generate({ model: 'runwayml/gen-4', prompt: 'a sunset', duration: 2 })
      .withResponse();
    expect(gw.control.jobs().length).toBe(jobsBefore + 1);
    expect(gw.control.jobs().filter((j) => j.id === job.id)).toHaveLength(1);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    const keys = fetch.sent.map((h) => h.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await gw.control.advance(3600);
    const charges = gw.control
      .charges()
      .filter((c) => c.endpoint === '/v1/videos/generations' && !c.refunded);
    const forJob = charges.filter((c) => c.request_id === job.request_id);
    expect(forJob).toHaveLength(1);
  });

  it('a caller idempotencyKey makes two calls one', async () => {
    const client = gw.client();
    const body = { model: 'suno/v5', prompt: 'lo-fi' };
    const key = `order-${transport}-42`;
    const first = await client.audio.music.generate(body, { idempotencyKey: key });
    const second = await client.audio.music.generate(body, { idempotencyKey: key });
    expect(second.id).toBe(first.id);
  });

  it('sends an Idempotency-Key on POST only, a fresh one per call', async () => {
    const fetch = recordingFetch();
    const client = gw.client({ fetch: fetch.fetch });
    await client.models.list();
    await client.embeddings.create({ model: 'baai/bge-m3', input: 'a' });
    await client.embeddings.create({ model: 'baai/bge-m3', input: 'a' });
    const [get, post1, post2] = fetch.sent;
    expect(get?.has('idempotency-key')).toBe(false);
    expect(post1?.get('idempotency-key')).not.toBe(post2?.get('idempotency-key'));
  });

  it('an aborted signal stops the call with APIUserAbortError and no retry', async () => {
    const controller = new AbortController();
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'latency=5000' } });
    const call = client.models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(waits.delays).toEqual([]);
  });

  it('the abort reason is kept: the error’s cause, and in its message', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'latency=5000' } });
    const controller = new AbortController();
    const reason = new Error('the user closed the tab');
    const call = client.models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(reason), 30);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect((error as Error).message).toBe('Request was aborted: the user closed the tab');
    // Already aborted before sending, with a string reason.
    const early = new AbortController();
    early.abort('shutting down');
    const before = await client.models.list({ signal: early.signal }).catch((e: unknown) => e);
    expect((before as Error).cause).toBe('shutting down');
    // AbortSignal.timeout(): the cause is its TimeoutError.
    const timedOut = await client.models.list({ signal: AbortSignal.timeout(20) }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(APIUserAbortError);
    expect(((timedOut as Error).cause as Error).name).toBe('TimeoutError');
  });

  it('an abort during a retry wait ends it at once', async () => {
    waits.real = true;
    const controller = new AbortController();
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'status=429,retry-after=30' } });
    const call = client.models.list({ signal: controller.signal });
    const caught = call.catch((e: unknown) => e);
    while (waits.delays.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort('no more waiting');
    const error = await caught;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe('no more waiting');
    expect(waits.delays).toEqual([30_000]);
  });

  it('a slow attempt times out (per attempt) and is retried', async () => {
    const client = gw.client({
      timeout: 50,
      maxRetries: 1,
      defaultHeaders: { 'x-aig-fault': 'latency=2000' },
    });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/timed out after 50 ms/);
    expect(waits.delays).toHaveLength(1);
  });
});
