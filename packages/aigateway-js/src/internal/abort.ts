import { APIUserAbortError } from '../core/errors.js';

/**
 * The error for something the caller aborted: `reason` (what was passed to `abort(reason)`) becomes
 * its `cause` and, when it says something, part of its message. An `APIUserAbortError` is kept.
 */
export function abortError(reason: unknown, what = 'Request was aborted'): APIUserAbortError {
  if (reason instanceof APIUserAbortError) return reason;
  // `abort()` without a reason gives a generic DOMException "AbortError": nothing to add.
  const detail =
    typeof reason === 'string'
      ? reason
      : reason instanceof Error && reason.name !== 'AbortError'
        ? reason.message
        : '';
  return new APIUserAbortError(
    detail ? `${what}: ${detail}` : `${what}.`,
    reason === undefined ? undefined : { cause: reason },
  );
}
