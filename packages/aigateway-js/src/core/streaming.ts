// Server-sent events as a typed async iterable (openapi/README.md § OpenAI-compatible endpoints:
// `data:` JSON chunks ending in `data: [DONE]`, `: keep-alive` comments every 15 s).
import { errorTypes } from 'aigateway-contract';
import {
  AIgatewayError,
  APIError,
  APIUserAbortError,
  type PartialStream,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from './errors.js';
import { abortError } from '../internal/abort.js';
import type { RawResponse } from './request.js';
import { SSEParser } from './sse-parser.js';

/** How a stream ended, as seen by `_onEnd`. */
export type StreamOutcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'error'; error: Error };

/**
 * @internal Chunks from somewhere other than an SSE response: a newline-delimited JSON body
 * (`fromReadableStream`) or one branch of `tee()`.
 */
export class StreamSource<T> {
  constructor(
    readonly next: () => AsyncIterator<T>,
    readonly controller: AbortController,
    readonly response: Response,
    readonly requestId: string | undefined,
  ) {}
}

const IDLE = Symbol('stream idle');
const DONE = Symbol('[DONE]');
const STOPPED: StreamOutcome = { kind: 'stopped' };
const DONE_OUTCOME: StreamOutcome = { kind: 'done' };
/** How many of the last chunks `partial.chunks` holds (documented on `PartialStream`). */
const PARTIAL_CHUNKS = 64;

/**
 * A typed stream of server-sent events. Iterate it once with `for await`; breaking out of the loop,
 * `abort()` or the request's `signal` cancel the underlying connection.
 *
 * @example
 * const stream = await client.chat.completions.create({ model, messages, stream: true });
 * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 */
export class Stream<T> implements AsyncIterable<T> {
  /** Aborting it stops the stream; the iterator then throws `APIUserAbortError`. */
  readonly controller: AbortController;
  /** The HTTP response carrying the stream. */
  readonly response: Response;
  /** `X-Request-Id` of the call. */
  readonly requestId: string | undefined;
  // The raw `data` of the last PARTIAL_CHUNKS chunks (a ring), for `partial.chunks`: keeping every
  // chunk made a long stream hold megabytes the garbage collector had to copy and promote. Raw
  // strings rather than the parsed trees, which are re-parsed only if asked for (chunks from a
  // StreamSource, already parsed, are kept as they are).
  readonly #recent: unknown[] = [];
  #received = 0;
  readonly #source: RawResponse | StreamSource<T>;
  #started = false;
  /** The iterator's body has begun running (its `finally` will clean up and report the end). */
  #live = false;
  #ended = false;

  /** @internal */
  constructor(source: RawResponse | StreamSource<T>) {
    this.#source = source;
    this.controller = source.controller;
    this.response = source.response;
    this.requestId = source.requestId;
    // `stream.controller.abort()` or the request's signal, while nobody iterates: the same as abort().
    this.controller.signal.addEventListener('abort', () => this.#live || this.#stopIdle(), { once: true });
  }

  /** Whether iteration has begun (a stream can be iterated once). */
  protected get started(): boolean {
    return this.#started;
  }

  /**
   * Stops the stream and releases the connection; the loop then throws `APIUserAbortError`, whose
   * `cause` is `reason` when given.
   */
  abort(reason?: unknown): void {
    if (!this.controller.signal.aborted) this.controller.abort(abortError(reason, 'Stream was aborted'));
    // Not being iterated: nothing else will release the connection or report the end (`usage`).
    if (!this.#live) this.#stopIdle();
  }

  /** Releases the connection of a stream whose iterator is not running, and reports its end. */
  #stopIdle(): void {
    if (this.#ended) return;
    const source = this.#source;
    const body = source.response.body;
    if (body && !body.locked) void body.cancel().catch(() => undefined);
    if (source instanceof StreamSource) void source.next().return?.();
    else source.release();
    this.#end({ kind: 'stopped' });
  }

  /** Reports the end once, however many ways it is reached. */
  #end(outcome: StreamOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this._onEnd(outcome);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#started) {
      throw new AIgatewayError('This stream was already iterated; a stream can be consumed only once.');
    }
    this.#started = true;
    const source = this.#source;
    return source instanceof StreamSource ? this.#iterateSource(source) : this.#iterate(source);
  }

  /**
   * Splits the stream into two that each yield every chunk, for two independent consumers (e.g.
   * one forwarded to a browser, one logged). They share the connection: aborting either aborts both.
   * Like iterating it, this consumes the stream.
   */
  tee(): [Stream<T>, Stream<T>] {
    const [left, right] = this._teeSources();
    return [this._fromSource(left), this._fromSource(right)];
  }

  /** @internal The two branch sources of `tee()`, reading this stream once. */
  protected _teeSources(): [StreamSource<T>, StreamSource<T>] {
    const iterator = this[Symbol.asyncIterator]();
    // Each branch reads ahead into both queues; the connection closes once both branches are done.
    const queues: Promise<IteratorResult<T>>[][] = [[], []];
    let open = 2;
    const branch = (own: Promise<IteratorResult<T>>[]) => (): AsyncIterator<T> => {
      let closed = false;
      return {
        next: () => {
          if (own.length === 0) {
            const result = iterator.next();
            for (const queue of queues) queue.push(result);
          }
          return own.shift() as Promise<IteratorResult<T>>;
        },
        return: async () => {
          if (!closed) {
            closed = true;
            open -= 1;
            if (open === 0) await iterator.return?.();
          }
          return { done: true, value: undefined };
        },
      };
    };
    const [left = [], right = []] = queues;
    const make = (queue: Promise<IteratorResult<T>>[]) =>
      new StreamSource(branch(queue), this.controller, this.response, this.requestId);
    return [make(left), make(right)];
  }

  /** @internal A stream of this class over `source` (a subclass returns its own kind). */
  protected _fromSource(source: StreamSource<T>): Stream<T> {
    return new Stream<T>(source);
  }

  /** The chunks as newline-delimited JSON bytes, e.g. to forward to a browser. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(ctrl) {
        try {
          const { value, done } = await iterator.next();
          if (done) ctrl.close();
          else ctrl.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch (error) {
          ctrl.error(error);
        }
      },
      cancel: async () => {
        await iterator.return?.();
        // Cancelled before the first read: the iterator never ran, so stop the stream here.
        if (!this.#live) this.abort();
      },
    });
  }

  /** Called for every chunk before it is yielded. */
  protected _onChunk(_chunk: T): void {}

  /** Called once when the stream ends, however it ends. */
  protected _onEnd(_outcome: StreamOutcome): void {}

  /** The content and tool calls of the whole stream so far, for `partial` (a subclass accumulates them). */
  protected _partialState(): Pick<PartialStream, 'content' | 'toolCalls'> {
    return { content: '', toolCalls: [] };
  }

  #partial(): PartialStream {
    const next = this.#received % PARTIAL_CHUNKS;
    const recent =
      this.#received > PARTIAL_CHUNKS
        ? [...this.#recent.slice(next), ...this.#recent.slice(0, next)]
        : this.#recent.slice();
    let chunks: unknown[] | undefined;
    return {
      ...this._partialState(),
      get chunks(): readonly unknown[] {
        chunks ??= recent.map((data) => (typeof data === 'string' ? (JSON.parse(data) as unknown) : data));
        return chunks;
      },
    };
  }

  // A hand-written iterator, not an async generator: a chunk already parsed is handed out as a
  // resolved promise, where a generator paid a resume, an await of the yielded value and a suspend
  // per chunk (about half the iteration cost of a 20,000-chunk stream). It keeps a generator's
  // contract, which test/core/streaming.test.ts § 'Stream iterator protocol' pins: calls made while
  // one is pending wait their turn, return() runs the cleanup once, and the iterator is iterable.
  #iterate(raw: RawResponse): AsyncIterableIterator<T> {
    const it = new Iteration<T>(raw);
    return {
      next: () => (it.busy ? it.wait(false, undefined) : this.#step(it, false, undefined)),
      return: (value?: unknown) => (it.busy ? it.wait(true, value) : this.#step(it, true, value)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** One `next()` (or `return()`) of an iteration that is not busy. */
  #step(it: Iteration<T>, stop: boolean, value: unknown): Promise<IteratorResult<T>> {
    if (stop) return this.#run(it, () => this.#stop(it, value));
    if (it.state === LIVE) {
      const sse = it.sse as SSEReader;
      if (it.index < it.count) {
        let chunk: T | typeof DONE;
        try {
          chunk = this.#take(sse, it.index++);
        } catch (error) {
          return this.#run(it, () => this.#fail(it, error));
        }
        if (chunk !== DONE) return Promise.resolve({ value: chunk, done: false });
        return this.#run(it, () => this.#complete(it));
      }
    } else if (it.state === START) {
      // As a generator's body would: the first next() starts reading, synchronously.
      it.state = LIVE;
      this.#live = true;
      try {
        it.sse = new SSEReader(it.raw, this.controller.signal);
      } catch (error) {
        it.state = OVER;
        return Promise.reject(error as Error);
      }
    } else {
      return Promise.resolve({ value: undefined, done: true });
    }
    return this.#run(it, () => this.#pull(it));
  }

  /** Runs an asynchronous step; calls made meanwhile wait in the iteration's queue, then run in order. */
  #run(it: Iteration<T>, step: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    it.busy = true;
    const result = step();
    // Registered before the caller's own handlers, so the caller of this step sees its result
    // before any queued call settles.
    const drain = (): void => {
      it.busy = false;
      while (!it.busy && it.queue.length > 0) {
        const call = it.queue.shift() as QueuedCall<T>;
        this.#step(it, call.stop, call.value).then(call.resolve, call.reject);
      }
    };
    result.then(drain, drain);
    return result;
  }

  /** Reads until the next chunk or the end of the stream. */
  async #pull(it: Iteration<T>): Promise<IteratorResult<T>> {
    const sse = it.sse as SSEReader;
    let chunk: T | typeof DONE;
    try {
      while (it.index >= it.count) {
        it.count = await this.#read(sse);
        it.index = 0;
      }
      chunk = this.#take(sse, it.index++);
    } catch (error) {
      return this.#fail(it, error);
    }
    return chunk === DONE ? this.#complete(it) : { value: chunk, done: false };
  }

  async #complete(it: Iteration<T>): Promise<IteratorResult<T>> {
    await this.#finish(it, DONE_OUTCOME);
    return { value: undefined, done: true };
  }

  async #fail(it: Iteration<T>, error: unknown): Promise<never> {
    await this.#finish(it, { kind: 'error', error: error as Error });
    throw error;
  }

  // `return()`: from a loop's `break`, or `toReadableStream()`'s cancel. Before the first next()
  // nothing was read, so nothing is cleaned up (as with a generator; abort() releases the connection).
  async #stop(it: Iteration<T>, value: unknown): Promise<IteratorResult<T>> {
    const result = { value: (await value) as T, done: true as const };
    if (it.state === LIVE) await this.#finish(it, STOPPED);
    it.state = OVER;
    return result;
  }

  /** Stops reading, releases the connection and reports the end (what a generator's `finally` did). */
  async #finish(it: Iteration<T>, outcome: StreamOutcome): Promise<void> {
    it.state = OVER;
    await (it.sse as SSEReader).close(outcome.kind === 'done', this.controller);
    it.raw.release();
    this.#end(outcome);
  }

  /** How many events the next read completed, mapping read failures, aborts and oversized lines to the SDK's errors. */
  async #read(sse: SSEReader): Promise<number> {
    if (sse.ended) {
      throw this.#interrupted('The stream ended before [DONE]: the connection was closed mid-response.');
    }
    const signal = this.controller.signal;
    if (signal.aborted) throw this.#abortError();
    if (!sse.reader) throw this.#interrupted('The stream response had no body.');
    let count: number;
    try {
      count = await sse.read();
    } catch (cause) {
      throw signal.aborted ? this.#abortError() : this.#interrupted('The stream was cut mid-way.', cause);
    }
    if (signal.aborted) throw this.#abortError();
    // An unfinished line: the slack covers field names and line ends around a maximal event.
    if (sse.pending > sse.maxEventBytes + 1024) throw this.#tooLarge(sse.maxEventBytes);
    return count;
  }

  /** The chunk of the read's `i`th event (checked, decoded and seen by `_onChunk`), or DONE for `[DONE]`. */
  #take(sse: SSEReader, i: number): T | typeof DONE {
    const maxEventBytes = sse.maxEventBytes;
    // abort() from the loop's body must stop the chunks already parsed from the same read.
    if (sse.aborted) throw this.#abortError();
    const data = sse.parser.data[i] as string;
    if (exceeds(data, maxEventBytes)) throw this.#tooLarge(maxEventBytes);
    if (data === '[DONE]') return DONE;
    const chunk = this.#decode(data, sse.parser.types[i]);
    this.#recent[this.#received++ % PARTIAL_CHUNKS] = data;
    this._onChunk(chunk);
    return chunk;
  }

  // Chunks from a StreamSource: the same hooks and endings as an SSE stream.
  async *#iterateSource(source: StreamSource<T>): AsyncGenerator<T, void, undefined> {
    this.#live = true;
    const iterator = source.next();
    const signal = this.controller.signal;
    let outcome: StreamOutcome = { kind: 'stopped' };
    try {
      for (;;) {
        if (signal.aborted) throw this.#abortError();
        let result: IteratorResult<T>;
        try {
          result = await iterator.next();
        } catch (error) {
          throw signal.aborted ? this.#abortError() : error;
        }
        if (result.done) {
          outcome = { kind: 'done' };
          return;
        }
        this.#recent[this.#received++ % PARTIAL_CHUNKS] = result.value;
        this._onChunk(result.value);
        yield result.value;
      }
    } catch (cause) {
      // The SDK's own errors (from a tee'd stream, an abort) pass through; a failed read is a cut.
      const error =
        cause instanceof AIgatewayError ? cause : this.#interrupted('The stream was cut mid-way.', cause);
      outcome = { kind: 'error', error };
      throw error;
    } finally {
      if (outcome.kind !== 'done') await iterator.return?.();
      this.#end(outcome);
    }
  }

  #decode(text: string, type: string | undefined): T {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.#interrupted(`The stream sent an event that is not JSON: ${text.slice(0, 100)}`);
    }
    if (type === 'error' || (data && typeof data === 'object' && 'error' in data && !('choices' in data))) {
      throw APIError.generate(
        statusOf(data),
        data,
        text,
        this.response.headers,
        (this.#source as RawResponse).config.secrets,
        {
          partial: this.#partial(),
        },
      );
    }
    return data as T;
  }

  #abortError(): Error {
    const reason: unknown = this.controller.signal.reason;
    if (reason === IDLE)
      return new StreamIdleTimeoutError(
        (this.#source as RawResponse).config.streamIdleTimeout,
        this.#partial(),
        this.requestId,
      );
    return abortError(reason, 'Stream was aborted');
  }

  #tooLarge(maxEventBytes: number): StreamInterruptedError {
    return this.#interrupted(
      `The stream sent an event larger than ${maxEventBytes} bytes, so it was stopped. Raise the ` +
        '`streamMaxEventBytes` option if such events are expected.',
    );
  }

  #interrupted(message: string, cause?: unknown): StreamInterruptedError {
    return new StreamInterruptedError(
      message,
      this.#partial(),
      this.requestId,
      cause ? { cause } : undefined,
    );
  }
}

const START = 0;
const LIVE = 1;
const OVER = 2;

interface QueuedCall<T> {
  stop: boolean;
  value: unknown;
  resolve: (result: IteratorResult<T>) => void;
  reject: (error: unknown) => void;
}

/** Where an SSE stream's iteration stands: what a suspended generator would hold. */
class Iteration<T> {
  state: typeof START | typeof LIVE | typeof OVER = START;
  sse: SSEReader | undefined;
  /** The events of the last read (in `sse.parser`), and the next one to hand out. */
  count = 0;
  index = 0;
  /** A step is awaiting something: calls made now wait in `queue`. */
  busy = false;
  readonly queue: QueuedCall<T>[] = [];

  constructor(readonly raw: RawResponse) {}

  wait(stop: boolean, value: unknown): Promise<IteratorResult<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ stop, value, resolve, reject });
    });
  }
}

/**
 * An SSE response body being read: the reader, the parser, the idle timer and the size guard. Each
 * `read()` returns the events completed by the next network read (possibly none).
 */
class SSEReader {
  readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly maxEventBytes: number;
  /** The body is over (its end was read): the next read means it ended before `[DONE]`. */
  ended = false;
  /** Bytes read since the last complete event or comment: the parser buffers an unfinished line. */
  pending = 0;
  /** The request's signal has aborted. */
  aborted: boolean;
  readonly #response: Response;
  readonly #signal: AbortSignal;
  readonly #controller: AbortController;
  /** Holds the events of the last read. */
  readonly parser = new SSEParser();
  readonly #decoder = new TextDecoder();
  readonly #idleMs: number;
  // One timer per idle period rather than one per chunk: reads only stamp `#lastRead`; when the
  // timer fires early it re-arms for the time left.
  #lastRead = Date.now();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #onAbort: () => void;

  constructor(raw: RawResponse, signal: AbortSignal) {
    this.#response = raw.response;
    this.#signal = signal;
    this.#controller = raw.controller;
    this.#idleMs = raw.config.streamIdleTimeout;
    this.maxEventBytes = raw.config.streamMaxEventBytes;
    this.reader = signal.aborted ? undefined : raw.response.body?.getReader();
    // Aborting the controller must also settle a pending read, whatever the transport does with it.
    // The flag mirrors `signal.aborted` (read before every chunk) without its getter's checks.
    this.aborted = signal.aborted;
    this.#onAbort = () => {
      this.aborted = true;
      void this.reader?.cancel().catch(() => undefined);
    };
    signal.addEventListener('abort', this.#onAbort, { once: true });
    if (this.reader && !signal.aborted) this.#idleTimer = setTimeout(this.#checkIdle, this.#idleMs);
  }

  readonly #checkIdle = (): void => {
    const left = this.#lastRead + this.#idleMs - Date.now();
    if (left <= 0) this.#controller.abort(IDLE);
    else this.#idleTimer = setTimeout(this.#checkIdle, left);
  };

  /** Reads on; resolves with how many events that completed (in `parser`). */
  async read(): Promise<number> {
    const result = await (this.reader as ReadableStreamDefaultReader<Uint8Array>).read();
    if (this.#signal.aborted) return 0;
    let text: string;
    if (result.done) {
      this.ended = true;
      text = this.#decoder.decode();
    } else {
      this.#lastRead = Date.now();
      this.pending += result.value.byteLength;
      text = this.#decoder.decode(result.value, { stream: true });
    }
    if (!text) return 0;
    // An event or a comment ends what the size guard counts.
    if (this.parser.feed(text)) this.pending = 0;
    return this.parser.count;
  }

  /** Stops the timer and the reader; a stream that did not end with `[DONE]` aborts its request. */
  async close(done: boolean, controller: AbortController): Promise<void> {
    clearTimeout(this.#idleTimer);
    this.#signal.removeEventListener('abort', this.#onAbort);
    if (!done && !this.#signal.aborted) controller.abort(new APIUserAbortError());
    await this.reader?.cancel().catch(() => undefined);
    if (!this.reader) await this.#response.body?.cancel().catch(() => undefined);
  }
}

/**
 * @internal Newline-delimited JSON (what `toReadableStream()` writes) as a stream source; aborting
 * `controller` cancels the body.
 */
export function ndjsonSource<T>(
  readable: ReadableStream<Uint8Array>,
  controller: AbortController,
): StreamSource<T> {
  const response = new Response(readable);
  return new StreamSource<T>(
    () => readNDJSON<T>(response, controller.signal),
    controller,
    response,
    undefined,
  );
}

async function* readNDJSON<T>(response: Response, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (line: string): T => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new AIgatewayError(`The stream sent a line that is not JSON: ${line.slice(0, 100)}`);
    }
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) yield parse(line);
        newline = buffer.indexOf('\n');
      }
      if (done) break;
    }
    if (buffer.trim()) yield parse(buffer);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
  }
}

let encoder: TextEncoder | undefined;

/** Whether `text` is more than `max` bytes of UTF-8; encodes only when its length does not decide. */
function exceeds(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  encoder ??= new TextEncoder();
  return encoder.encode(text).length > max;
}

// Mid-stream errors arrive with HTTP 200 already sent; the envelope type stands for the status the
// contract gives it (the first, for a type of several: invalid_request_error → 400).
function statusOf(data: unknown): number {
  const error =
    data && typeof data === 'object'
      ? (data as { error?: { type?: unknown; status?: unknown } }).error
      : undefined;
  if (typeof error?.status === 'number') return error.status;
  const type = typeof error?.type === 'string' ? error.type : '';
  return Object.hasOwn(errorTypes, type)
    ? (errorTypes[type as keyof typeof errorTypes].statuses[0] ?? 500)
    : 500;
}
