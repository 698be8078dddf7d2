import { WebhookVerificationError } from './errors.js';
import type { ResolvedOptions } from './options.js';

// Dates past year 275760 are invalid; a 15-digit forged `t` must still yield a message, not a RangeError.
const iso = (seconds: number): string =>
  Math.abs(seconds) <= 8.64e12 ? new Date(seconds * 1000).toISOString() : 'out of range';

/** Checks the signed `t=` against now ± tolerance (both directions); returns it as a number. */
export function verifyTimestamp(timestamp: string, options: ResolvedOptions): number {
  const signedAt = Number(timestamp);
  if (options.tolerance === 0) return signedAt;
  const now = options.nowSeconds();
  const age = now - signedAt;
  if (age > options.tolerance) {
    throw new WebhookVerificationError(
      'timestamp_outside_tolerance',
      `The webhook was signed ${age} s ago (t=${timestamp}, ${iso(signedAt)}; now ${iso(now)}), more than ` +
        `the ${options.tolerance} s tolerance, so it may be a replay. If your clock is wrong, sync it (NTP); ` +
        'to re-verify a stored delivery, pass `now` set to when it was received.',
    );
  }
  if (-age > options.tolerance) {
    throw new WebhookVerificationError(
      'timestamp_outside_tolerance',
      `The webhook timestamp is ${-age} s in the future (t=${timestamp}, ${iso(signedAt)}; now ${iso(now)}), ` +
        `beyond the ${options.tolerance} s tolerance: check this server's clock (NTP) or the \`now\` option.`,
    );
  }
  return signedAt;
}
