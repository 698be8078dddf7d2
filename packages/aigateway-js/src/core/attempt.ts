// One attempt's lifetime: its AbortController, its timeout, and the link from the caller's signal.
import { abortError } from '../internal/abort.js';
import { redact } from '../internal/redact.js';
import { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors.js';

/**
 * One attempt: a class rather than an object of closures, since every call makes one. The caller's
 * signal gets a listener only when there is one.
 */
export class Attempt {
  readonly controller = new AbortController();
  readonly #signal: AbortSignal | null | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;

  constructor(signal: AbortSignal | null | undefined, timeoutMs: number) {
    this.#signal = signal;
    this.#timer = setTimeout(timeOut, timeoutMs, this.controller, timeoutMs);
    // The socket keeps the process alive while a request is in flight; the timer need not.
    (this.#timer as { unref?: () => void }).unref?.();
    if (signal) {
      const controller = this.controller;
      this.#onAbort = () => controller.abort(abortError(signal.reason));
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** Stops the timeout (the body is now governed by something else, e.g. the stream idle timer). */
  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Stops the timeout and detaches from the caller's signal. Idempotent. */
  release(): void {
    this.clearTimer();
    if (this.#onAbort) {
      this.#signal?.removeEventListener('abort', this.#onAbort);
      this.#onAbort = undefined;
    }
  }
}

function timeOut(controller: AbortController, timeoutMs: number): void {
  controller.abort(new APITimeoutError(timeoutMs));
}

/** Starts an attempt: its controller, its timeout, and the link from the caller's signal. */
export function startAttempt(signal: AbortSignal | null | undefined, timeoutMs: number): Attempt {
  return new Attempt(signal, timeoutMs);
}

/** Maps what fetch (or a body read) threw to the SDK's class, keeping only a secret-free cause. */
export function toTransportError(
  error: unknown,
  attempt: Attempt,
  signal: AbortSignal | null | undefined,
  timeoutMs: number,
): APIConnectionError | APIUserAbortError {
  const reason: unknown = attempt.controller.signal.reason;
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
