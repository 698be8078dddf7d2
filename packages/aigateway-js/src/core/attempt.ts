// One attempt's lifetime: its AbortController, its timeout, and the link from the caller's signal.
import { abortError } from '../internal/abort.js';
import { redact } from '../internal/redact.js';
import { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors.js';
import type { TransportHook } from './transport-hook.js';

/**
 * One attempt: a class rather than an object of closures, since every call makes one. The caller's
 * signal gets a listener only when there is one.
 *
 * It is timed out one of two ways. With a `hook` (the default fetch on Node, no caller signal, not
 * a stream), the request goes through the hook and a timeout aborts it there, rejecting `guard()`
 * at once; its controller is made only if someone asks for it. Otherwise fetch gets the
 * controller's signal, which the timeout aborts.
 */
export class Attempt {
  #controller: AbortController | undefined;
  readonly #hook: TransportHook | undefined;
  readonly #signal: AbortSignal | null | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;
  #reject: ((reason: Error) => void) | undefined;
  #timedOut: APITimeoutError | undefined;
  #stopped = false;

  constructor(signal: AbortSignal | null | undefined, timeoutMs: number, hook?: TransportHook) {
    this.#signal = signal;
    this.#hook = hook;
    if (!hook) this.#controller = new AbortController();
    this.#timer = setTimeout(timeOut, timeoutMs, this, timeoutMs);
    // The socket keeps the process alive while a request is in flight; the timer need not.
    (this.#timer as { unref?: () => void }).unref?.();
    if (signal) {
      const controller = this.controller;
      this.#onAbort = () => controller.abort(abortError(signal.reason));
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** Aborting it stops the attempt (the request, or the body being read). */
  get controller(): AbortController {
    if (this.#controller) return this.#controller;
    const controller = new AbortController();
    controller.signal.addEventListener('abort', () => this.#stop(controller.signal.reason), { once: true });
    this.#controller = controller;
    return controller;
  }

  /** Why the attempt was stopped (its timeout, the caller's abort), if it was. */
  get reason(): unknown {
    return this.#timedOut ?? (this.#controller?.signal.aborted ? this.#controller.signal.reason : undefined);
  }

  /** Settles as `response` does, or rejects as soon as the attempt is stopped (hook mode). */
  guard<T>(response: Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.#reject = reject;
      response.then(resolve, reject);
    });
  }

  /** Stops the timeout (the body is now governed by something else, e.g. the stream idle timer). */
  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Stops the timeout and detaches from the caller's signal. Idempotent. */
  release(): void {
    this.clearTimer();
    this.#reject = undefined;
    if (this.#onAbort) {
      this.#signal?.removeEventListener('abort', this.#onAbort);
      this.#onAbort = undefined;
    }
  }

  /** @internal The timer's callback. */
  _timeOut(timeoutMs: number): void {
    this.#timedOut = new APITimeoutError(timeoutMs);
    if (this.#controller) this.#controller.abort(this.#timedOut);
    else this.#stop(this.#timedOut);
  }

  // Hook mode only: the controller's abort listener, or the timeout when there is no controller.
  #stop(reason: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const error = reason instanceof Error ? reason : abortError(reason);
    (this.#hook as TransportHook).abort(error);
    this.#reject?.(error);
  }
}

function timeOut(attempt: Attempt, timeoutMs: number): void {
  attempt._timeOut(timeoutMs);
}

/** Maps what fetch (or a body read) threw to the SDK's class, keeping only a secret-free cause. */
export function toTransportError(
  error: unknown,
  attempt: Attempt,
  signal: AbortSignal | null | undefined,
  timeoutMs: number,
): APIConnectionError | APIUserAbortError {
  const reason: unknown = attempt.reason;
  if (reason instanceof APIUserAbortError) return reason;
  if (signal?.aborted) return abortError(signal.reason);
  if (reason instanceof APITimeoutError) return new APITimeoutError(timeoutMs);
  // fetch quotes the URL in some messages: masked, like any key a message might hold.
  const detail = error instanceof Error ? redact(describe(error)) : '';
  return new APIConnectionError(
    `Connection error: the gateway could not be reached${detail ? ` (${detail})` : ''}. Check the base URL and your network.`,
    error instanceof Error ? { cause: error } : undefined,
  );
}

function describe(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.message;
}
