// Polls a snapshot (a job or an eval run) until it settles, with backoff, honouring Retry-After,
// and ending promptly on timeout or abort: never waiting out a sleep that no longer matters.
import { abortError } from '../internal/abort.js';
import { sleep } from '../internal/sleep.js';
import { APIPromise } from './api-promise.js';
import { JobTimeoutError, type WaitedSnapshot } from './errors.js';
import { mergeRequestOptions, type RequestOptions } from './options.js';
import { parseRetryAfter } from './retry.js';

/**
 * Options of `wait()` on jobs and eval runs. Besides the polling settings it takes the request
 * options every poll is sent with (`apiKey`, `tag`, `byok`, `headers`…); `timeout` and `signal`
 * are the whole wait's.
 */
export interface WaitOptions<TSnapshot>
  extends Omit<RequestOptions, 'timeout' | 'signal' | 'idempotencyKey'> {
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
  /** Stops waiting with `APIUserAbortError` (its `cause` is the abort reason). */
  signal?: AbortSignal | undefined;
  /** Called with every snapshot polled (e.g. to show `progress`). */
  onProgress?: ((snapshot: TSnapshot) => void) | undefined;
}

/** Fetches the current snapshot with the given request options (their signal aborts the poll). */
export type RetrieveSnapshot<TSnapshot> = (options: RequestOptions) => APIPromise<TSnapshot>;

/** One poll's result: the snapshot and the response it came with. */
export interface Polled<TSnapshot> {
  data: TSnapshot;
  response: Response;
}

/** Fetches the current snapshot; the signal aborts the in-flight poll. */
export type FetchSnapshot<TSnapshot, P extends Polled<TSnapshot> = Polled<TSnapshot>> = (
  signal: AbortSignal,
) => Promise<P>;

export const POLL = { initialMs: 1_000, factor: 1.5, maxMs: 10_000, defaultTimeoutMs: 600_000 } as const;

const DEADLINE = Symbol('wait deadline');

/**
 * Polls until `status` is `completed` and resolves with that snapshot as an `APIPromise` (so
 * `withResponse()` gives the last poll's response); throws `failed(snapshot)` on `failed` (a
 * `JobFailedError` or an `EvalFailedError`). `base` are the request options the snapshot was
 * created with; the wait's own request options go over them.
 */
export function waitUntilSettled<TSnapshot extends WaitedSnapshot, TDone extends TSnapshot>(
  id: string,
  retrieve: RetrieveSnapshot<TSnapshot>,
  failed: (snapshot: TSnapshot) => Error,
  initial: TSnapshot | undefined,
  options: WaitOptions<TSnapshot> = {},
  base: RequestOptions = {},
): APIPromise<TDone> {
  const { pollInterval: _i, timeout: _t, signal: _s, onProgress: _p, ...request } = options;
  const merged = mergeRequestOptions(base, request);
  const fetchSnapshot = async (signal: AbortSignal) => {
    const { data, raw } = await retrieve({ ...merged, signal })._settle();
    return { data: data as TSnapshot, response: raw.response, raw };
  };
  let done: TDone | undefined;
  const settled = pollUntilSettled(id, fetchSnapshot, failed, initial, options).then((polled) => {
    done = polled.data as TDone;
    return polled.raw;
  });
  return new APIPromise<TDone>(settled, () => done as TDone);
}

/**
 * Resolves with the poll that saw `completed`; throws `failed(snapshot)` on `failed`. With an
 * `initial` snapshot still running, the first poll happens after one interval; otherwise at once.
 */
export async function pollUntilSettled<TSnapshot extends WaitedSnapshot, P extends Polled<TSnapshot>>(
  id: string,
  fetchSnapshot: FetchSnapshot<TSnapshot, P>,
  failed: (snapshot: TSnapshot) => Error,
  initial: TSnapshot | undefined,
  options: WaitOptions<TSnapshot> = {},
): Promise<P> {
  const settled = (snapshot: TSnapshot): boolean => {
    if (snapshot.status === 'failed') throw failed(snapshot);
    return snapshot.status === 'completed';
  };
  const timeout = options.timeout ?? POLL.defaultTimeoutMs;
  const interval = options.pollInterval ?? POLL.initialMs;
  const cap = Math.max(POLL.maxMs, interval);
  let snapshot = initial;
  // A settled snapshot is polled once at once, so the result comes with a response like any call.
  const pollFirst = snapshot === undefined || settled(snapshot);

  const controller = new AbortController();
  const userSignal = options.signal;
  const onAbort = (): void => controller.abort(abortError(userSignal?.reason, 'Waiting was aborted'));
  if (userSignal?.aborted) throw abortError(userSignal.reason, 'Waiting was aborted');
  userSignal?.addEventListener('abort', onAbort, { once: true });
  const deadline = setTimeout(() => controller.abort(DEADLINE), timeout);
  try {
    // `delay` is the next sleep; `backoff` the one after it unless the server sends Retry-After.
    let delay = interval;
    let backoff = pollFirst ? interval : Math.min(interval * POLL.factor, cap);
    let pollNow = pollFirst;
    for (;;) {
      if (!pollNow) await sleep(delay, controller.signal);
      pollNow = false;
      const polled = await fetchSnapshot(controller.signal);
      snapshot = polled.data;
      options.onProgress?.(polled.data);
      if (settled(polled.data)) return polled;
      const asked = parseRetryAfter(polled.response.headers);
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
