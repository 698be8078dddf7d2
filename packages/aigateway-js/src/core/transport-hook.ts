// How an attempt on Node is timed out without giving fetch a signal, and how a call skips fetch.
//
// Node's fetch (undici) makes every request that follows a caller's signal a FinalizationRegistry
// target, and V8 keeps such targets (and all the request and response state they reach) through
// every minor GC until a full one: the timeout signal alone cost ~5–10 % of a loopback request's
// CPU, most of it in the garbage collector (bench/ANALYSIS.md § 7). Node's fetch also takes an
// undici `dispatcher` (the documented way to give it a proxy or an agent); an attempt hands it a
// thin one in front of the real dispatcher, which keeps the `abort` undici passes to the request's
// handler, and a timeout calls that: the connection is torn down as by a signal, so the gateway
// sees the client go (a generation stops) and the body, if being read, errors.
//
// A call whose answer is read whole (JSON, text) through Node's own, unpatched fetch skips fetch
// altogether: `send` hands it to the same dispatcher and buffers the answer. Fetch's WHATWG layer
// (Request, Headers, Response, a web ReadableStream per body) is most of a loopback call's CPU:
// ~270 of ~370 µs for an embeddings call (bench/ANALYSIS.md § 8). What fetch would do to such a
// call is kept: the pool, proxy agent and interceptors (the dispatcher), `accept-encoding` and
// decoding, `fetch failed` errors with their cause, and `diagnostics_channel` events (undici's).

import { runtimeToken } from '../internal/runtime.js';

// What Node's fetch itself reads (undici 6 and 7 alike), then undici 7's own name for it.
const DISPATCHER_SYMBOLS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];

/** The slice of undici's `Dispatcher` fetch uses. */
interface Dispatcher {
  dispatch(options: object, handler: DispatchHandler): boolean;
  readonly isMockActive?: boolean;
}

/** The slice of the handler fetch passes to `dispatch` that the hook wraps. */
interface DispatchHandler {
  onConnect?: (this: DispatchHandler, abort: (reason?: Error) => void) => void;
}

/** undici's (legacy, v6 and v7) handler callbacks that `send` answers. */
interface BufferingHandler extends DispatchHandler {
  onHeaders(status: number, rawHeaders: Uint8Array[], resume: () => void, statusText?: string): boolean;
  onData(chunk: Uint8Array): boolean;
  onComplete(): void;
  onError(error: Error): void;
}

/** An answer `send` read whole: the body is decoded (`content-encoding`) as fetch would. */
export class BufferedAnswer {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly body: Uint8Array,
    readonly url: string,
  ) {}
}

type Decode = (
  input: Uint8Array,
  options: object,
  callback: (error: Error | null, out: Uint8Array) => void,
) => void;
type Zlib = Record<string, unknown> & { constants: Record<string, number> };
// undici hands headers and data over as Node Buffers (this path runs on Node only).
type NodeBuffer = Uint8Array & { toString(encoding: 'latin1'): string };
type BufferClass = { concat(list: Uint8Array[]): Uint8Array };
declare const Buffer: unknown;
type NodeProcess = { getBuiltinModule?: (id: string) => unknown };

// Loaded on the first call that may skip fetch (never off Node, nor by an import alone). Node
// 20.16+ has process.getBuiltinModule; before it, calls keep going through fetch.
let zlib: Zlib | null | undefined;

/** Global fetch functions seen sending through a dispatcher they were given (Node's own). */
const honoursDispatcher = new WeakSet<object>();

// Bun, Deno and edge-runtime answer to `process.versions.node` too, but their fetch takes no dispatcher.
const onNode = runtimeToken()?.startsWith('node/') === true;

// Only Node's own fetch loads undici from its internals; a wrapper around it (a tracer) may add
// headers or spans to the calls it sees, so a call skips fetch only when it is Node's own.
const NODE_FETCH_SOURCE = "require('internal/deps/undici/undici')";
let nodeFetch: unknown;
const otherFetches = new WeakSet<object>();

function isNodeFetch(fetch: unknown): boolean {
  if (fetch === nodeFetch) return true;
  if (typeof fetch !== 'function' || otherFetches.has(fetch)) return false;
  if (Function.prototype.toString.call(fetch).includes(NODE_FETCH_SOURCE)) {
    nodeFetch = fetch;
    return true;
  }
  otherFetches.add(fetch);
  return false;
}

/** The dispatcher the request would have used: the call's own, else undici's global one (set once Node's fetch has loaded). */
function innerDispatcher(fetchOptions: { dispatcher?: unknown } | undefined): Dispatcher | undefined {
  if (!onNode) return undefined;
  const own = fetchOptions?.dispatcher as Dispatcher | undefined;
  if (own) return typeof own.dispatch === 'function' ? own : undefined;
  const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  for (const symbol of DISPATCHER_SYMBOLS) {
    const dispatcher = g[symbol];
    if (dispatcher && typeof dispatcher.dispatch === 'function') return dispatcher;
  }
  return undefined;
}

/** A dispatcher in front of the real one that can abort what goes through it. Not reused across attempts. */
export class TransportHook implements Dispatcher {
  readonly #inner: Dispatcher;
  readonly #fetch: object;
  #abort: ((reason?: Error) => void) | undefined;
  #reason: Error | undefined;

  private constructor(inner: Dispatcher) {
    this.#inner = inner;
    this.#fetch = globalThis.fetch;
  }

  /**
   * A hook for an attempt through the global fetch, or `undefined` off Node or when there is no
   * dispatcher to put it in front of (Node loads its fetch on first use).
   */
  static create(fetchOptions: { dispatcher?: unknown } | undefined): TransportHook | undefined {
    const inner = innerDispatcher(fetchOptions);
    return inner ? new TransportHook(inner) : undefined;
  }

  /**
   * Whether the global fetch this attempt goes through was seen sending through a hook before.
   * Until it has, the attempt also gives fetch a signal: a fetch patched in (msw, a tracer) may
   * ignore the dispatcher, and only then is the hook alone not enough.
   */
  get proven(): boolean {
    return honoursDispatcher.has(this.#fetch);
  }

  get isMockActive(): boolean {
    return this.#inner.isMockActive === true;
  }

  dispatch(options: object, handler: DispatchHandler): boolean {
    honoursDispatcher.add(this.#fetch);
    const onConnect = handler.onConnect;
    const hook = this;
    handler.onConnect = function (abort) {
      onConnect?.call(this, abort);
      hook.#connected(abort);
    };
    return this.#inner.dispatch(options, handler);
  }

  // A redirect is a second dispatch: the latest request is the one to abort.
  #connected(abort: (reason?: Error) => void): void {
    this.#abort = abort;
    if (this.#reason) abort(this.#reason);
  }

  /**
   * Whether a call may skip fetch and go through `send`: Node's own global fetch would have run it
   * (checked per call, so msw or a tracer patched in later is honoured), its body is a string or
   * none, and its fetch options name at most a dispatcher.
   */
  direct(body: unknown, fetchOptions: object | undefined): boolean {
    if (!isNodeFetch(globalThis.fetch) || (body !== undefined && typeof body !== 'string')) return false;
    zlib ??=
      ((globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:zlib') as Zlib) ?? null;
    if (!zlib) return false;
    if (fetchOptions) for (const key in fetchOptions) if (key !== 'dispatcher') return false;
    return true;
  }

  /** Sends a call straight to the dispatcher and reads its answer whole. */
  send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<BufferedAnswer> {
    const target = new URL(url);
    // fetch's own default: a caller's header wins.
    const sent =
      headers['accept-encoding'] === undefined
        ? {
            ...headers,
            'accept-encoding': target.protocol === 'https:' ? 'br, gzip, deflate' : 'gzip, deflate',
          }
        : headers;
    return new Promise((resolve, reject) => {
      const hook = this;
      const chunks: Uint8Array[] = [];
      let status = 0;
      let statusText = '';
      let raw: Uint8Array[] = [];
      const fail = (cause: Error) => reject(new TypeError('fetch failed', { cause }));
      const handler: BufferingHandler = {
        onConnect(abort) {
          hook.#connected(abort);
        },
        onHeaders(code, rawHeaders, _resume, text) {
          status = code;
          raw = rawHeaders;
          statusText = text ?? '';
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          answer(status, statusText, raw, chunks, target.href).then(resolve, fail);
        },
        onError: fail,
      };
      try {
        this.#inner.dispatch(
          { origin: target.origin, path: target.pathname + target.search, method, headers: sent, body },
          handler,
        );
      } catch (error) {
        fail(error as Error);
      }
    });
  }

  /** Tears down the request now, or as soon as it has a connection. */
  abort(reason: Error): void {
    this.#reason ??= reason;
    this.#abort?.(reason);
  }
}

/** The answer as fetch would see it; async, so that anything thrown rejects rather than reaching undici. */
async function answer(
  status: number,
  statusText: string,
  raw: Uint8Array[],
  chunks: Uint8Array[],
  url: string,
): Promise<BufferedAnswer> {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2)
    headers.append((raw[i] as NodeBuffer).toString('latin1'), (raw[i + 1] as NodeBuffer).toString('latin1'));
  const body = chunks.length === 1 ? (chunks[0] as Uint8Array) : (Buffer as BufferClass).concat(chunks);
  return new BufferedAnswer(
    status,
    statusText,
    headers,
    await decode(body, headers.get('content-encoding'), status),
    url,
  );
}

/**
 * Undoes `content-encoding` as Node's fetch does: codings applied last are undone first, an
 * unknown one leaves the body as sent, and a truncated stream yields what it holds rather than
 * an error (undici's flush options).
 */
async function decode(body: Uint8Array, encoding: string | null, status: number): Promise<Uint8Array> {
  const z = zlib as Zlib;
  if (!encoding || body.length === 0 || status === 204 || status === 304) return body;
  const steps: string[] = [];
  for (const coding of encoding.toLowerCase().split(',').reverse()) {
    const step = CODINGS[coding.trim()];
    if (!step) return body;
    steps.push(step);
  }
  const c = z.constants;
  const flush = { flush: c.Z_SYNC_FLUSH, finishFlush: c.Z_SYNC_FLUSH };
  const brotli = { flush: c.BROTLI_OPERATION_FLUSH, finishFlush: c.BROTLI_OPERATION_FLUSH };
  let out = body;
  for (const step of steps) {
    // `deflate` is zlib-wrapped by the standard, raw from some servers: undici tells them apart so.
    const name = step === 'inflate' && ((out[0] as number) & 15) !== 8 ? 'inflateRaw' : step;
    out = await new Promise<Uint8Array>((resolve, reject) =>
      (z[name] as Decode)(out, step === 'brotliDecompress' ? brotli : flush, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  }
  return out;
}

const CODINGS: Record<string, string | undefined> = {
  gzip: 'gunzip',
  'x-gzip': 'gunzip',
  deflate: 'inflate',
  br: 'brotliDecompress',
};
