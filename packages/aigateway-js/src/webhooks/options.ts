import { WebhookVerificationError } from './errors.js';
import type { VerifyWebhookOptions, WebhookSecret } from './types.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface ResolvedOptions {
  tolerance: number;
  nowSeconds: () => number;
}

// Bad options are a bug in the caller's code, not a bad request: TypeError, not a verification error.
export function resolveOptions(options: VerifyWebhookOptions | undefined): ResolvedOptions {
  const tolerance = options?.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new TypeError(
      `options.tolerance must be a number of seconds >= 0 (default ${DEFAULT_TOLERANCE_SECONDS}; 0 disables ` +
        `the timestamp check), got ${String(tolerance)}.`,
    );
  }
  const now = options?.now ?? Date.now;
  if (typeof now !== 'function') {
    throw new TypeError('options.now must be a function returning a Date or milliseconds, like `Date.now`.');
  }
  return {
    tolerance,
    nowSeconds: () => {
      const current = now();
      const ms = current instanceof Date ? current.getTime() : current;
      if (typeof ms !== 'number' || !Number.isFinite(ms)) {
        throw new TypeError('options.now() must return a valid Date or milliseconds since the epoch.');
      }
      return Math.floor(ms / 1000);
    },
  };
}

/** The secrets to try; an unset one is refused rather than skipped, so a misconfiguration shows. */
export function resolveSecrets(secret: WebhookSecret | undefined): string[] {
  const list: readonly unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) {
    throw new WebhookVerificationError(
      'missing_secret',
      'The list of webhook secrets is empty: pass your endpoint signing secret (whsec_…), or several during a rotation.',
    );
  }
  list.forEach((s, i) => {
    if (typeof s === 'string' && s !== '') return;
    const which = list.length === 1 ? 'The webhook secret' : `Webhook secret #${i + 1} of ${list.length}`;
    throw new WebhookVerificationError(
      'missing_secret',
      `${which} is ${s === '' ? 'an empty string' : s === null || s === undefined ? String(s) : `a ${typeof s}`}: pass ` +
        'your endpoint signing secret (whsec_…), e.g. from an environment variable, and check that the ' +
        'variable is set where this code runs.',
    );
  });
  return list as string[];
}
