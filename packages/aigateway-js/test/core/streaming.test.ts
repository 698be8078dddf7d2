import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import {
  APIUserAbortError,
  RateLimitError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from '../../src/core/errors.js';
import type { RawResponse } from '../../src/core/request.js';
import { Stream } from '../../src/core/streaming.js';

// SSE parsing over ReadableStreams built here from raw chunks: the wire bytes are spelled out so
// every framing case (split lines, comments, error events) is explicit. HTTP streaming against the
// emulator is covered in test/resources/chat.test.ts.
const REQ = 'req_0123456789abcdef01234567';
const encoder = new TextEncoder();

interface Chunk {
  i: number;
}

function sse(chunks: (string | Uint8Array)[], options: { end?: boolean; idleMs?: number } = {}) {
  const state = { cancelled: false };
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      feed = controller;
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      if (options.end !== false) controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const response = new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'x-request-id': REQ },
  });
  let released = 0;
  const raw: RawResponse = {
    response,
    requestId: REQ,
    controller: new AbortController(),
    release: () => {
      released += 1;
    },
    mapError: (e) => e as Error,
    spec: { method: 'POST', path: '/chat/completions' },
    config: resolveConfig({ apiKey: 'sk-aig-stream-test-0000', streamIdleTimeout: options.idleMs ?? 1000 }),
  };
  return {
    stream: new Stream<Chunk>(raw),
    state,
    released: () => released,
    /** Sends more bytes (a stream made with `end: false`), e.g. to settle a pending `next()`. */
    push: (text: string) => feed.enqueue(encoder.encode(text)),
  };
}

async function collect(stream: Stream<Chunk>): Promise<number[]> {
  const seen: number[] = [];
  for await (const chunk of stream) seen.push(chunk.i);
  return seen;
}

describe('Stream', () => {
  it('yields an event whose lines end in a lone \\r as soon as it arrives, not after the next read', async () => {
    // `end: false`: the server sends one event and then nothing (until the idle timeout), so the
    // event must come from this read alone; a parser that waited to see whether \n follows the
    // final \r held it back until the idle timeout.
    const { stream } = sse(['data: {"i":1}\r\r'], { end: false, idleMs: 5_000 });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await Promise.race([
      iterator.next(),
      new Promise<'held back'>((resolve) => setTimeout(() => resolve('held back'), 500)),
    ]);
    expect(first).toEqual({ value: { i: 1 }, done: false });
    stream.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('yields every data chunk, ignores keep-alive comments and stops at [DONE]', async () => {
    const { stream, released } = sse([
      ': keep-alive\n\n',
      'data: {"i":1}\n\n',
      ': keep-alive\n\ndata: {"i":2}\n\n',
      'data: [DONE]\n\n',
    ]);
    expect(await collect(stream)).toEqual([1, 2]);
    expect(stream.requestId).toBe(REQ);
    expect(released()).toBe(1);
  });

  it('reassembles events split at any byte boundary, including inside a multi-byte character', async () => {
    const bytes = encoder.encode('data: {"i":1,"s":"héllo ✓"}\r\n\r\ndata: {"i":2}\n\ndata: [DONE]\n\n');
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) pieces.push(bytes.slice(i, i + 3));
    const { stream } = sse(pieces);
    const seen: unknown[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(seen).toEqual([{ i: 1, s: 'héllo ✓' }, { i: 2 }]);
  });

  it('accepts lone \\r line endings, including a final one split off in its own read', async () => {
    const { stream } = sse(['data: {"i":1}\r\rdata: {"i":2}\r', '\rdata: [DONE]\r', '\r']);
    expect(await collect(stream)).toEqual([1, 2]);
  });

  it('a body that ends without [DONE] raises StreamInterruptedError with what arrived', async () => {
    const { stream } = sse(['data: {"i":1}\n\n', 'data: {"i":2}\n\n']);
    const seen: number[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.i);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(seen).toEqual([1, 2]);
    expect((error as StreamInterruptedError).partial.chunks).toEqual([{ i: 1 }, { i: 2 }]);
    expect((error as StreamInterruptedError).requestId).toBe(REQ);
  });

  it('partial.chunks keeps only the last 64 chunks, oldest first', async () => {
    for (const [count, first] of [
      [64, 1],
      [65, 2],
      [150, 87],
    ] as const) {
      const events = Array.from({ length: count }, (_, i) => `data: {"i":${i + 1}}\n\n`);
      const error = await collect(sse(events).stream).catch((e: unknown) => e);
      const { chunks } = (error as StreamInterruptedError).partial;
      expect(chunks).toEqual(Array.from({ length: 64 }, (_, i) => ({ i: first + i })));
    }
  });

  it('an SSE error event raises the typed APIError', async () => {
    const { stream } = sse([
      'data: {"i":1}\n\n',
      'event: error\ndata: {"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Slow down."}}\n\n',
    ]);
    const error = await collect(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
      requestId: REQ,
    });
    expect((error as RateLimitError).partial?.chunks).toEqual([{ i: 1 }]);
  });

  it('an {error} data payload raises the typed APIError too', async () => {
    const { stream } = sse([
      'data: {"error":{"type":"provider_error","code":"provider_error","message":"Upstream died."}}\n\n',
    ]);
    await expect(collect(stream)).rejects.toMatchObject({ name: 'ProviderError', status: 502 });
  });

  it('silence longer than streamIdleTimeout raises StreamIdleTimeoutError and cancels the body', async () => {
    const { stream, state } = sse(['data: {"i":1}\n\n', ': keep-alive\n\n'], { end: false, idleMs: 50 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.i);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamIdleTimeoutError);
    expect((error as StreamIdleTimeoutError).partial.chunks).toEqual([{ i: 1 }]);
    expect(seen).toEqual([1]);
    expect(state.cancelled).toBe(true);
  });

  it('breaking out of for-await cancels the body', async () => {
    const { stream, state, released } = sse(['data: {"i":1}\n\n', 'data: {"i":2}\n\n'], { end: false });
    for await (const chunk of stream) {
      if (chunk.i === 1) break;
    }
    expect(state.cancelled).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(released()).toBe(1);
  });

  it('abort() mid-stream ends the iteration with APIUserAbortError', async () => {
    const { stream, state } = sse(['data: {"i":1}\n\n'], { end: false });
    const error = await (async () => {
      for await (const _ of stream) stream.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(state.cancelled).toBe(true);
  });

  it('abort() in the loop stops the chunks already parsed from the same read, [DONE] included', async () => {
    const { stream } = sse(['data: {"i":1}\n\ndata: {"i":2}\n\ndata: {"i":3}\n\ndata: [DONE]\n\n']);
    const seen: number[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.i);
        stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('abort(reason) gives the loop an APIUserAbortError whose cause is the reason', async () => {
    const { stream } = sse(['data: {"i":1}\n\n'], { end: false });
    const reason = new Error('enough for now');
    const error = await (async () => {
      for await (const _ of stream) stream.abort(reason);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect((error as Error).message).toBe('Stream was aborted: enough for now');
  });

  it('can be iterated only once', async () => {
    const { stream } = sse(['data: [DONE]\n\n']);
    await collect(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it('toReadableStream emits newline-delimited JSON', async () => {
    const { stream } = sse(['data: {"i":1}\n\ndata: {"i":2}\n\ndata: [DONE]\n\n']);
    expect(await new Response(stream.toReadableStream()).text()).toBe('{"i":1}\n{"i":2}\n');
  });
});

// The stream's iterator behaves as an async generator's would (it was one): calls made while one is
// pending wait their turn and settle in call order, return() ends it, and it is iterable itself.
describe('Stream iterator protocol', () => {
  /** Settles each promise in order of the calls, recording the order in which they settled. */
  async function settled<V>(
    calls: Promise<V>[],
  ): Promise<{ results: PromiseSettledResult<V>[]; order: number[] }> {
    const order: number[] = [];
    calls.forEach(
      (call, i) =>
        void call.then(
          () => order.push(i),
          () => order.push(i),
        ),
    );
    return { results: await Promise.allSettled(calls), order };
  }

  it('next() calls made at once get the chunks in call order, then done', async () => {
    const { stream, released } = sse([
      'data: {"i":1}\n\ndata: {"i":2}\n\n',
      'data: {"i":3}\n\n',
      'data: [DONE]\n\n',
    ]);
    const iterator = stream[Symbol.asyncIterator]();
    const { results, order } = await settled(Array.from({ length: 6 }, () => iterator.next()));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([
      { value: { i: 1 }, done: false },
      { value: { i: 2 }, done: false },
      { value: { i: 3 }, done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(released()).toBe(1);
  });

  it('next() calls waiting on the network settle in call order as the bytes arrive', async () => {
    const { stream, push } = sse([], { end: false, idleMs: 5_000 });
    const iterator = stream[Symbol.asyncIterator]();
    const calls = [iterator.next(), iterator.next(), iterator.next()];
    push('data: {"i":1}\n\n');
    push('data: {"i":2}\n\ndata: [DONE]\n\n');
    const { results, order } = await settled(calls);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([
      { value: { i: 1 }, done: false },
      { value: { i: 2 }, done: false },
      { value: undefined, done: true },
    ]);
    expect(order).toEqual([0, 1, 2]);
  });

  it('return() during a pending next() waits for it, then ends the stream and releases the connection', async () => {
    const { stream, state, released, push } = sse([], { end: false, idleMs: 5_000 });
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    const stop = (iterator.return as NonNullable<typeof iterator.return>)();
    const after = iterator.next();
    push('data: {"i":1}\n\ndata: {"i":2}\n\n');
    const { results, order } = await settled([first, stop, after]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([
      { value: { i: 1 }, done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(order).toEqual([0, 1, 2]);
    expect(state.cancelled).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(released()).toBe(1);
  });

  it('return(value) resolves with the value and done, and the next next() is done', async () => {
    const { stream, released } = sse(['data: {"i":1}\n\n'], { end: false });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: { i: 1 }, done: false });
    expect(await (iterator.return as NonNullable<typeof iterator.return>)('bye')).toEqual({
      value: 'bye',
      done: true,
    });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(released()).toBe(1);
  });

  it('return() before the first next() ends the iteration without reading; abort() then releases the connection', async () => {
    const { stream, state, released } = sse(['data: {"i":1}\n\n'], { end: false });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await (iterator.return as NonNullable<typeof iterator.return>)()).toEqual({
      value: undefined,
      done: true,
    });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    stream.abort();
    expect(state.cancelled).toBe(true);
    expect(released()).toBe(1);
  });

  it('an error rejects the next() that met it, once; later calls are done', async () => {
    const { stream, released } = sse(['data: {"i":1}\n\ndata: not json\n\n']);
    const iterator = stream[Symbol.asyncIterator]();
    const { results } = await settled([iterator.next(), iterator.next(), iterator.next()]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: { value: { i: 1 }, done: false } });
    expect(results[1]?.status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StreamInterruptedError);
    expect(results[2]).toEqual({ status: 'fulfilled', value: { value: undefined, done: true } });
    expect(released()).toBe(1);
  });

  it('the iterator is itself async iterable', async () => {
    const { stream } = sse(['data: {"i":1}\n\ndata: {"i":2}\n\ndata: [DONE]\n\n']);
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterableIterator<Chunk>;
    const seen: number[] = [];
    for await (const chunk of iterator) seen.push(chunk.i);
    expect(seen).toEqual([1, 2]);
  });
});
