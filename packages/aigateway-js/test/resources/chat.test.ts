import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  type ChatCompletionChunk,
  ModelNotFoundError,
  ProviderError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';
import { relayedEmulator } from '../helpers/socket-counter.js';

const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'Tell me about gateways' }];

describe.each<Transport>(['loopback', 'msw'])('chat.completions over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('creates a completion and exposes the request id', async () => {
    const { data, response, requestId } = await gw
      .client()
      .chat.completions.create({ model, messages })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe(model);
    expect(data.choices[0]?.message.content).toContain('Tell me about gateways');
    expect(data.usage.total_tokens).toBeGreaterThan(0);
    expect(requestId).toMatch(/^req_[0-9a-f]{24}$/);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(gw.control.requests().some((r) => r.id === requestId && r.status === 200)).toBe(true);
  });

  it('streams typed chunks, requests usage by default and assembles the same answer', async () => {
    const client = gw.client();
    const plain = await client.chat.completions.create({ model, messages });
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    const deltas: string[] = [];
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    const usage = await stream.usage;
    expect(deltas.join('')).toBe(plain.choices[0]?.message.content);
    expect(usage.estimated).toBeUndefined();
    expect(usage).toEqual(plain.usage);
    const record = gw.control.requests().find((r) => r.id === stream.requestId);
    expect(record?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('finalChatCompletion assembles streamed tool calls', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const client = gw.client();
    const plain = await client.chat.completions.create({ model, messages, tools });
    const stream = await client.chat.completions.create({ model, messages, tools, stream: true });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.choices[0]?.message.tool_calls).toEqual(plain.choices[0]?.message.tool_calls);
    expect(JSON.parse(final.choices[0]?.message.tool_calls?.[0]?.function.arguments ?? '')).toHaveProperty(
      'city',
    );
  });

  it('respects an explicit include_usage: false and then estimates usage', async () => {
    const stream = await gw
      .client()
      .chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: false } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(await stream.usage).toMatchObject({ estimated: true });
  });

  it('a model without provider/ gets ModelNotFoundError with the catalog suggestions', async () => {
    const error = await gw
      .client()
      .chat.completions.create({ model: 'gpt-5.4', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    const notFound = error as ModelNotFoundError;
    expect(notFound.suggestions).toContain('openai/gpt-5.4');
    expect(notFound.message).toContain('openai/gpt-5.4');
    expect(notFound.requestId).toMatch(/^req_/);
  });

  it('an eval: alias without a run is a typed 404, not retried', async () => {
    await expect(
      gw.client().chat.completions.create({ model: 'eval:eval_missing', messages }),
    ).rejects.toMatchObject({ status: 404, name: 'NotFoundError' });
  });

  it('rejects bad input before sending', async () => {
    const before = gw.control.requests().length;
    // @ts-expect-error messages missing on purpose
    await expect(gw.client().chat.completions.create({ model })).rejects.toThrow(/messages: is required/);
    expect(gw.control.requests().length).toBe(before);
  });
});

describe('chat streams on a real socket', () => {
  const env = relayedEmulator();
  const faulty = (fault: string, streamIdleTimeout?: number) =>
    env.gw.client({ baseURL: env.relay.url, streamIdleTimeout, defaultHeaders: { 'x-aig-fault': fault } });

  it('breaking out of for-await closes the connection, and usage still resolves (estimated)', async () => {
    const stream = await faulty('stream-stall=3').chat.completions.create({ model, messages, stream: true });
    let seen = 0;
    for await (const _ of stream) {
      seen += 1;
      if (seen === 2) break;
    }
    await env.relay.drained();
    expect(await stream.usage).toMatchObject({ estimated: true });
  });

  it('a cut stream raises StreamInterruptedError with the partial content', async () => {
    const stream = await faulty('stream-cut=4').chat.completions.create({ model, messages, stream: true });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    const cut = error as StreamInterruptedError;
    expect(cut.partial.chunks).toHaveLength(4);
    expect(received).toHaveLength(4);
    expect(cut.partial.content).toBe(received.join(''));
    expect(cut.partial.content.length).toBeGreaterThan(0);
    expect(cut.requestId).toBe(stream.requestId);
    expect((await stream.usage).estimated).toBe(true);
  });

  it('an error event mid-stream raises ProviderError with what arrived (stream-error)', async () => {
    const stream = await faulty('stream-error=3').chat.completions.create({ model, messages, stream: true });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    const failure = error as ProviderError;
    expect(failure).toMatchObject({
      status: 502,
      type: 'provider_error',
      code: 'provider_error',
      provider: 'openai',
      requestId: stream.requestId,
    });
    expect(failure.message).toMatch(/after the stream started/);
    expect(received).toHaveLength(3);
    expect(failure.partial?.chunks).toHaveLength(3);
    expect(failure.partial?.content).toBe(received.join(''));
    expect(failure.partial?.content.length).toBeGreaterThan(0);
    expect((await stream.usage).estimated).toBe(true);
    await env.relay.drained();
  });

  it('finalChatCompletion() rejects with the mid-stream error and its partial content', async () => {
    const stream = await faulty('stream-error=2').chat.completions.create({ model, messages, stream: true });
    const error = await stream.finalChatCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).partial?.chunks).toHaveLength(2);
    // Not retried: the answer had started, so the SDK leaves the decision to the caller.
    expect(env.gw.control.requests().filter((r) => r.id === stream.requestId)).toHaveLength(1);
    await env.relay.drained();
  });

  it('a stalled stream raises StreamIdleTimeoutError and releases the socket', async () => {
    const stream = await faulty('stream-stall=2', 200).chat.completions.create({
      model,
      messages,
      stream: true,
    });
    const error = await stream.finalChatCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamIdleTimeoutError);
    expect((error as StreamIdleTimeoutError).partial.chunks).toHaveLength(2);
    await env.relay.drained();
  });

  it('an AbortSignal stops the stream with APIUserAbortError and closes the socket', async () => {
    const controller = new AbortController();
    const stream = await faulty('stream-stall=3').chat.completions.create(
      { model, messages, stream: true },
      { signal: controller.signal },
    );
    const error = await (async () => {
      for await (const _ of stream) controller.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    await env.relay.drained();
  });

  it('stream.abort() stops the stream the same way', async () => {
    const stream = await faulty('stream-stall=3').chat.completions.create({ model, messages, stream: true });
    setTimeout(() => stream.abort(), 50);
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(APIUserAbortError);
    await env.relay.drained();
  });

  it('toReadableStream forwards the chunks as NDJSON', async () => {
    const stream = await env.gw.client().chat.completions.create({ model, messages, stream: true });
    const lines = (await new Response(stream.toReadableStream()).text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ object: 'chat.completion.chunk' });
  });
});
