// One attempt's lifetime: its AbortController, its timeout, and the link from the caller's signal.
import { abortError } from '../internal/abort.js';
import { redact } from '../internal/redact.js';
import { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors.js';

export interface Attempt {
  readonly controller: AbortController;
  /** Stops the timeout (the body is now governed by something else, e.g. the stream idle timer). */
  clearTimer(): void;
  /** Stops the timeout and detaches from the caller's signal. Idempotent. */
  release(): void;
}

export function startAttempt(signal: AbortSignal | null | undefined, timeoutMs: number): Attempt {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(
    () => controller.abort(new APITimeoutError(timeoutMs)),
    timeoutMs,
  );
  // The socket keeps the process alive while a request is in flight; the timer need not.
  (timer as { unref?: () => void }).unref?.();
  const onAbort = (): void => controller.abort(abortError(signal?.reason));
  signal?.addEventListener('abort', onAbort, { once: true });
  const clearTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    controller,
    clearTimer,
    release() {
      clearTimer();
      signal?.removeEventListener('abort', onAbort);
    },
  };
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
