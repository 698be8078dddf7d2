import { usageError } from '../errors.js';

/** How long one request may take when neither --timeout nor AIGATEWAY_TIMEOUT says: sized for CI. */
export const DEFAULT_REQUEST_TIMEOUT_S = 60;
/** How long `--wait`s (jobs, evals) last when neither --timeout nor AIGATEWAY_TIMEOUT says. */
export const DEFAULT_WAIT_TIMEOUT_S = 600;

/** `--timeout` (else AIGATEWAY_TIMEOUT) in seconds, or undefined for the defaults. */
export function parseTimeout(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): number | undefined {
  const [raw, origin] =
    flag !== undefined ? [flag, '--timeout'] : [env.AIGATEWAY_TIMEOUT || undefined, 'AIGATEWAY_TIMEOUT'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw usageError(
      `${origin} must be a number of seconds between 0 and 86400, got "${raw}".`,
      'invalid_timeout',
    );
  }
  return seconds;
}

/** Seconds, as people read them: 2 → "2 s", 90 → "90 s", 0.5 → "0.5 s". */
export function seconds(value: number): string {
  return `${Number(value.toFixed(3))} s`;
}

/** One request's deadline: aborts `signal` when it passes; `settle()` ends it early (a stream has started). */
export interface Deadline {
  signal: AbortSignal;
  settle(): void;
}

/**
 * The per-request deadlines of one run. Each SDK call gets its own (so a command making three calls may take
 * three times `ms`), combined with Ctrl-C. A fired deadline is remembered, so that the abort it causes is
 * reported as a timeout (exit 7), not as an interruption.
 */
export class Deadlines {
  /** Whether some deadline has passed. */
  fired = false;

  constructor(
    /** The budget of one request, in ms. */
    readonly ms: number,
    private readonly interrupt: AbortSignal | undefined,
  ) {}

  /** A deadline starting now. */
  next(): Deadline {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort(this.interrupt?.reason);
    if (this.interrupt?.aborted) onInterrupt();
    else this.interrupt?.addEventListener('abort', onInterrupt, { once: true });
    const timer = setTimeout(() => {
      this.fired = true;
      controller.abort(new Error('deadline'));
    }, this.ms);
    timer.unref();
    return {
      signal: controller.signal,
      settle: () => {
        clearTimeout(timer);
      },
    };
  }
}
