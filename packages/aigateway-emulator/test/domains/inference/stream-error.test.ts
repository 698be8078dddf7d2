import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorAt } from '../../../src/contract/validate.js';
import { expectChunks, sseData, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ seed: 7 });
});
afterAll(() => gw.close());

const chat = {
  model: 'anthropic/claude-sonnet-4.6',
  messages: [{ role: 'user', content: 'one two three four five' }],
  stream: true,
};

/** Reads a body to its end; a reset connection rejects instead of resolving. */
async function readAll(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

const envelope = validatorAt('#/components/schemas/ErrorEnvelope');
const providerEnvelope = validatorAt('#/components/schemas/ProviderErrorEnvelope');

describe('x-aig-fault: stream-error=N', () => {
  it('sends N chunks, then one error event in the contract envelope, and ends cleanly without [DONE]', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'stream-error=2' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await readAll(res);
    expect(text).not.toContain('[DONE]');
    const data = sseData(text);
    expect(data).toHaveLength(3);
    expectChunks([...data.slice(0, 2).map((d) => `data: ${d}`), 'data: [DONE]'].join('\n'));
    const event = JSON.parse(data[2]!) as { error: Record<string, unknown> };
    expect(envelope(event), JSON.stringify(envelope.errors)).toBe(true);
    expect(providerEnvelope(event), JSON.stringify(providerEnvelope.errors)).toBe(true);
    expect(event.error).toMatchObject({
      type: 'provider_error',
      code: 'provider_error',
      provider: 'anthropic',
      request_id: res.headers.get('x-request-id'),
    });
    expect(event.error.message).toMatch(/retry the request/);
  });

  it('is not billed: the reservation is released once the error is sent (like a failed job)', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'stream-error=1', 'x-aig-tag': 'stream-error-billing' },
    });
    await readAll(res);
    const id = res.headers.get('x-request-id');
    expect(gw.control.charges().filter((c) => c.request_id === id)).toEqual([]);
    const usage = await (await gw.call('GET', '/v1/usage/by-tag')).json();
    expect(usage.data.find((r: { tag: string | null }) => r.tag === 'stream-error-billing')).toBeUndefined();
  });

  it('with N at or beyond the chunk count, sends every chunk and the error in place of [DONE]', async () => {
    const whole = sseData(await readAll(await gw.call('POST', '/v1/chat/completions', { body: chat })));
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'stream-error=1000' },
    });
    const data = sseData(await readAll(res));
    expect(data).toHaveLength(whole.length);
    expect(JSON.parse(data.at(-1)!)).toMatchObject({ error: { code: 'provider_error' } });
    expect(data.slice(0, -1).map((d) => JSON.parse(d).choices)).toEqual(
      whole.slice(0, -1).map((d) => JSON.parse(d).choices),
    );
  });

  it('stream-error=0 sends only the error event', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'stream-error=0' },
    });
    const data = sseData(await readAll(res));
    expect(data).toHaveLength(1);
    expect(JSON.parse(data[0]!).error.type).toBe('provider_error');
  });

  it('surfaces as an APIError in the openai SDK after the chunks before it', async () => {
    const openai = new OpenAI({
      baseURL: gw.url,
      apiKey: gw.apiKey,
      maxRetries: 0,
      defaultHeaders: { 'x-aig-fault': 'stream-error=3' },
    });
    const stream = await openai.chat.completions.create({
      ...(chat as OpenAI.ChatCompletionCreateParamsStreaming),
    });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('provider_error');
    expect(seen).toHaveLength(3);
  });

  it('is not stored under an Idempotency-Key: the retry runs again and completes', async () => {
    const key = { 'idempotency-key': 'stream-error-retry' };
    const failed = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { ...key, 'x-aig-fault': 'stream-error=1' },
    });
    expect(await readAll(failed)).toContain('"error":');
    // The fault header is not part of the fingerprint: the same key and body may be retried.
    const retried = await gw.call('POST', '/v1/chat/completions', { body: chat, headers: key });
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.headers.get('x-request-id')).not.toBe(failed.headers.get('x-request-id'));
    expect(sseData(await readAll(retried)).at(-1)).toBe('[DONE]');
  });
});
