// Polls a snapshot (a job or an eval run) until it settles, with backoff, honouring Retry-After,
// and ending promptly on timeout or abort: never waiting out a sleep that no longer matters.
import { sleep } from '../internal/sleep.js';
import { APIUserAbortError, JobTimeoutError, type WaitedSnapshot } from './errors.js';
import { parseRetryAfter } from './retry.js';

/** Options of `wait()` on jobs and eval runs. */
export interface WaitOptions<TSnapshot> {
  /**
   * First delay between polls, in ms; it then grows ×1.5 up to 10 s (or up to this value if larger).
   * @default 1000
   */
  pollInterval?: number;
  /**
   * Give up after this many ms with `JobTimeoutError`.
   * @default 600000 (10 minutes)
   */
  timeout?: number;
  /** Stops waiting with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with every snapshot polled (e.g. to show `progress`). */
  onProgress?: ((snapshot: TSnapshot) => void) | undefined;
}

/** Fetches the current snapshot; the signal aborts the in-flight poll. */
export type FetchSnapshot<TSnapshot> = (
  signal: AbortSignal,
) => Promise<{ data: TSnapshot; response: Response }>;

export const POLL = { initialMs: 1_000, factor: 1.5, maxMs: 10_000, defaultTimeoutMs: 600_000 } as const;

const DEADLINE = Symbol('wait deadline');

/**
 * Resolves with the snapshot once `status` is `completed`; throws `failed(snapshot)` on `failed`
 * (a `JobFailedError` or an `EvalFailedError`). With `initial`, the first poll happens after one
 * interval; without it, immediately.
 */
export async function pollUntilSettled<TSnapshot extends WaitedSnapshot>(
  id: string,
  fetchSnapshot: FetchSnapshot<TSnapshot>,
  failed: (snapshot: TSnapshot) => Error,
  initial: TSnapshot | undefined,
  options: WaitOptions<TSnapshot> = {},
): Promise<TSnapshot> {
  const settled = (snapshot: TSnapshot): boolean => {
    if (snapshot.status === 'failed') throw failed(snapshot);
    return snapshot.status === 'completed';
  };
  const timeout = options.timeout ?? POLL.defaultTimeoutMs;
  const interval = options.pollInterval ?? POLL.initialMs;
  const cap = Math.max(POLL.maxMs, interval);
  let snapshot = initial;
  if (snapshot && settled(snapshot)) return snapshot;

  const controller = new AbortController();
  const userSignal = options.signal;
  const onAbort = (): void => controller.abort(new APIUserAbortError('Waiting was aborted.'));
  if (userSignal?.aborted) throw new APIUserAbortError('Waiting was aborted.');
  userSignal?.addEventListener('abort', onAbort, { once: true });
  const deadline = setTimeout(() => controller.abort(DEADLINE), timeout);
  try {
    // `delay` is the next sleep; `backoff` the one after it unless the server sends Retry-After.
    let delay = interval;
    let backoff = snapshot ? Math.min(interval * POLL.factor, cap) : interval;
    let pollNow = snapshot === undefined;
    for (;;) {
      if (!pollNow) await sleep(delay, controller.signal);
      pollNow = false;
      const { data, response } = await fetchSnapshot(controller.signal);
      snapshot = data;
      options.onProgress?.(data);
      if (settled(data)) return data;
      const asked = parseRetryAfter(response.headers);
      if (asked !== undefined) {
        delay = Math.min(asked, cap);
      } else {
        delay = backoff;
        backoff = Math.min(backoff * POLL.factor, cap);
      }
    }
  } catch (error) {
    if (controller.signal.reason === DEADLINE) throw new JobTimeoutError(id, timeout, snapshot);
    throw error;
  } finally {
    clearTimeout(deadline);
    userSignal?.removeEventListener('abort', onAbort);
  }
}
