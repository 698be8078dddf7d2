// How an attempt on Node's own fetch is timed out without giving fetch a signal.
//
// Node's fetch (undici) makes every request that follows a caller's signal a FinalizationRegistry
// target, and V8 keeps such targets (and all the request and response state they reach) through
// every minor GC until a full one: the timeout signal alone cost ~5–10 % of a loopback request's
// CPU, most of it in the garbage collector (bench/ANALYSIS.md § 7). Node's fetch also takes an
// undici `dispatcher` (the documented way to give it a proxy or an agent); an attempt hands it a
// thin one in front of the real dispatcher, which keeps the `abort` undici passes to the request's
// handler, and a timeout calls that: the connection is torn down as by a signal, so the gateway
// sees the client go (a generation stops) and the body, if being read, errors.

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

/** Global fetch functions seen sending through a dispatcher they were given (Node's own). */
const honoursDispatcher = new WeakSet<object>();

// Bun, Deno and edge-runtime answer to `process.versions.node` too, but their fetch takes no dispatcher.
const onNode = runtimeToken()?.startsWith('node/') === true;

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
      // A redirect is a second dispatch: the latest request is the one to abort.
      hook.#abort = abort;
      if (hook.#reason) abort(hook.#reason);
    };
    return this.#inner.dispatch(options, handler);
  }

  /** Tears down the request now, or as soon as it has a connection. */
  abort(reason: Error): void {
    this.#reason ??= reason;
    this.#abort?.(reason);
  }
}
