import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

const video = { model: 'runwayml/gen-4', prompt: 'a sunset over mountains', duration: 2 };
const jobCharges = (jobRequestId: string) =>
  gw.control.charges().filter((c) => c.request_id === jobRequestId);

describe('Idempotency-Key', () => {
  it('replays the stored response for the same key and body, with Idempotent-Replayed', async () => {
    const headers = { 'idempotency-key': 'same-1' };
    const body = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] };
    const first = await gw.call('POST', '/v1/chat/completions', { body, headers });
    const charges = gw.control.charges().length;
    const second = await gw.call('POST', '/v1/chat/completions', { body, headers });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('x-request-id')).toBe(first.headers.get('x-request-id'));
    expect(gw.control.charges()).toHaveLength(charges);
  });

  it('creates no second job or charge', async () => {
    const headers = { 'idempotency-key': 'job-1' };
    const a = await (await gw.call('POST', '/v1/videos/generations', { body: video, headers })).json();
    const b = await (await gw.call('POST', '/v1/videos/generations', { body: video, headers })).json();
    expect(b.id).toBe(a.id);
    await gw.control.advance(30);
    expect(gw.control.jobs().filter((j) => j.request_id === a.request_id)).toHaveLength(1);
    expect(jobCharges(a.request_id)).toHaveLength(1);
  });

  it('drop=after, then a retry with the same key: the same job, charged once', async () => {
    const headers = { 'idempotency-key': 'dropped-1' };
    const jobsBefore = gw.control.jobs().length;
    const lost = await gw
      .call('POST', '/v1/videos/generations', {
        body: video,
        headers: { ...headers, 'x-aig-fault': 'drop=after' },
      })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(TypeError);
    expect(gw.control.jobs()).toHaveLength(jobsBefore + 1);
    const retry = await gw.call('POST', '/v1/videos/generations', { body: video, headers });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const job = await retry.json();
    expect(gw.control.jobs()).toHaveLength(jobsBefore + 1);
    await gw.control.advance(30);
    expect(jobCharges(job.request_id)).toHaveLength(1);
  });

  it('a different body with the same key is 422, not retryable', async () => {
    const headers = { 'idempotency-key': 'reuse-1' };
    await gw.call('POST', '/v1/embeddings', { body: { model: 'baai/bge-m3', input: 'a' }, headers });
    const res = await gw.call('POST', '/v1/embeddings', {
      body: { model: 'baai/bge-m3', input: 'b' },
      headers,
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({
      code: 'idempotency_key_reused',
      param: 'Idempotency-Key',
    });
  });

  it('a concurrent duplicate while the first is in flight is 409, and the first still completes', async () => {
    const headers = { 'idempotency-key': 'inflight-1' };
    const first = gw.call('POST', '/v1/videos/generations', {
      body: video,
      headers: { ...headers, 'x-aig-fault': 'latency=250' },
    });
    await new Promise((r) => setTimeout(r, 80));
    const dup = await gw.call('POST', '/v1/videos/generations', { body: video, headers });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe('idempotency_in_progress');
    expect((await first).status).toBe(202);
  });

  it('does not store retryable outcomes: a retry after an injected 502 runs again', async () => {
    const headers = { 'idempotency-key': 'retryable-1' };
    const body = { model: 'baai/bge-m3', input: 'x' };
    expect(
      (
        await gw.call('POST', '/v1/embeddings', {
          body,
          headers: { ...headers, 'x-aig-fault': 'status=502' },
        })
      ).status,
    ).toBe(502);
    const ok = await gw.call('POST', '/v1/embeddings', { body, headers });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays a completed stream, and is scoped per key owner', async () => {
    const headers = { 'idempotency-key': 'stream-1' };
    const body = { model: 'openai/gpt-5.4', stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const first = await (await gw.call('POST', '/v1/chat/completions', { body, headers })).text();
    const again = await gw.call('POST', '/v1/chat/completions', { body, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(first);
    const sa = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'other' } })).json();
    const theirs = await gw.call('POST', '/v1/chat/completions', { body, headers, key: sa.key });
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('matches multipart retries whatever their boundary', async () => {
    const send = () => {
      const form = new FormData();
      form.set('model', 'openai/whisper-large-v3-turbo');
      form.set('file', new Blob([new Uint8Array(3000).fill(7)]), 'a.bin');
      return gw.call('POST', '/v1/audio/transcriptions', {
        raw: form,
        headers: { 'idempotency-key': 'multipart-1' },
      });
    };
    await send();
    expect((await send()).headers.get('idempotent-replayed')).toBe('true');
  });

  it('rejects a malformed key', async () => {
    const res = await gw.call('POST', '/v1/embeddings', {
      body: { model: 'baai/bge-m3', input: 'a' },
      headers: { 'idempotency-key': 'x'.repeat(256) },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe('Idempotency-Key');
  });
});
