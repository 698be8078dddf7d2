import { type ErrorType, errorStatuses } from 'aigateway-contract';

/**
 * The documented, stable exit codes of `aig`. Scripts rely on these: never renumber.
 */
export const ExitCode = {
  /** The command did what was asked. */
  Success: 0,
  /** Something unexpected: a bug, or an error no other code describes. */
  Unexpected: 1,
  /** Usage or bad input: unknown command or flag, missing or malformed value, unreadable file. */
  Usage: 2,
  /** Authentication: no API key, a malformed or rejected key, a forbidden action, a bad signature. */
  Auth: 3,
  /** Budget exceeded: a sub-account's spend cap was hit. */
  Budget: 4,
  /** Not found: unknown model, job, sub-account, eval, request or file. */
  NotFound: 5,
  /** Rate limited: retry after the delay the gateway names. */
  RateLimited: 6,
  /** Provider or network error: upstream failure, unreachable gateway, timeout, failed job or eval run. */
  Provider: 7,
  /** Interrupted (Ctrl-C). */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per code, shown in `aig --help` and mirrored in the README. */
export const EXIT_CODE_HELP: ReadonlyArray<readonly [ExitCodeValue, string]> = [
  [ExitCode.Success, 'success'],
  [ExitCode.Unexpected, 'unexpected error'],
  [ExitCode.Usage, 'usage or bad input'],
  [ExitCode.Auth, 'authentication (missing, malformed or rejected key; bad signature)'],
  [ExitCode.Budget, 'budget exceeded'],
  [ExitCode.NotFound, 'not found (model, job, sub-account, eval, request)'],
  [ExitCode.RateLimited, 'rate limited'],
  [ExitCode.Provider, 'provider or network error (also a failed job or eval run)'],
  [ExitCode.Interrupted, 'interrupted (Ctrl-C)'],
];

// Each error type of the contract's envelope and the exit code a script sees for it; a new type fails tsc here.
const EXIT_OF_TYPE = {
  invalid_request_error: ExitCode.Usage,
  authentication_error: ExitCode.Auth,
  permission_error: ExitCode.Auth,
  budget_exceeded: ExitCode.Budget,
  not_found_error: ExitCode.NotFound,
  conflict_error: ExitCode.Unexpected,
  rate_limit_error: ExitCode.RateLimited,
  api_error: ExitCode.Provider,
  provider_error: ExitCode.Provider,
} as const satisfies Record<ErrorType, ExitCodeValue>;

/** Maps an HTTP status from the gateway to the exit code a script should see (by the contract's error type). */
export function exitCodeForStatus(status: number | undefined): ExitCodeValue {
  if (status === undefined) return ExitCode.Provider;
  const type = (errorStatuses as Readonly<Record<string, { type: ErrorType }>>)[status]?.type;
  if (type) return EXIT_OF_TYPE[type];
  // Not the gateway's: a proxy's 415 is still bad input, any 5xx an upstream failure.
  if (status === 415) return ExitCode.Usage;
  if (status >= 500) return ExitCode.Provider;
  return ExitCode.Unexpected;
}
