// Retry policy: which failures get another attempt and how long to wait before it.

/** Statuses retried automatically, each with why. Any other 4xx is final (retrying cannot help). */
export const RETRYABLE_STATUSES: ReadonlyMap<number, string> = new Map([
  [408, 'request timeout: the body did not arrive in time, a fresh attempt usually does'],
  [409, 'idempotency_in_progress: the same Idempotency-Key is still being processed'],
  [429, 'rate limited: wait as long as Retry-After says, then try again'],
  [500, 'internal error: transient on the gateway side'],
  [502, 'provider error: the router usually fails over to another provider on the next attempt'],
  [503, 'unavailable: transient overload'],
  [504, 'gateway timeout: transient'],
]);

/** Sent on every retry with the retry's number (1 for the first retry); absent on first attempts. */
export const RETRY_COUNT_HEADER = 'x-aig-retry-count';

/** Backoff shape: 0.5 s doubling to 8 s, minus up to 25 % jitter; Retry-After honoured up to 60 s. */
export const BACKOFF = { initialMs: 500, maxMs: 8_000, jitter: 0.25, retryAfterCapMs: 60_000 } as const;

/** True for connection-level retries' HTTP counterparts: the statuses above and any other 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || RETRYABLE_STATUSES.has(status);
}

/** Exponential backoff with jitter for the `retry`-th retry (0-based). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF.initialMs * 2 ** retry, BACKOFF.maxMs);
  return Math.round(base * (1 - random() * BACKOFF.jitter));
}

/**
 * Milliseconds the server asked to wait: `retry-after-ms`, else `Retry-After` as seconds or an
 * HTTP date. `undefined` when absent or unparsable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `retry`, or `undefined` when the server asked for longer than the
 * cap (waiting that long inside one call would look like a hang; the error carries `retryAfter`).
 */
export function retryDelay(
  retry: number,
  headers: Headers | undefined,
  random: () => number = Math.random,
  now: number = Date.now(),
): number | undefined {
  const asked = headers ? parseRetryAfter(headers, now) : undefined;
  if (asked === undefined) return backoffDelay(retry, random);
  return asked <= BACKOFF.retryAfterCapMs ? asked : undefined;
}
