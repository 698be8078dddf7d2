import type { CommanderError } from 'commander';
import { commander } from './commander.js';
import { CliError } from '../errors.js';
import { ExitCode, type ExitCodeValue, exitCodeForStatus } from '../exit-codes.js';
import { type ErrorDetails, gatewayDetails } from './error-details.js';

/** An error reduced to what the CLI prints: one line for people, one JSON envelope for scripts. */
export interface DescribedError {
  exitCode: ExitCodeValue;
  /** Stable snake_case code: the gateway's own `code` for API errors, a CLI code otherwise. */
  code: string;
  message: string;
  requestId?: string | undefined;
  status?: number | undefined;
  type?: string | undefined;
  /** The gateway's type-specific fields (`retry_after`, `spend_cap_cents`, `suggestions`, …), as sent. */
  details?: ErrorDetails | undefined;
  stack?: string | undefined;
  /** Already explained on screen (e.g. help printed for a missing command): print nothing more, but for --json. */
  silent?: boolean;
}

type Bag = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
const bag = (v: unknown): Bag => (typeof v === 'object' && v !== null ? (v as Bag) : {});

const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

function fromCommander(error: CommanderError): DescribedError {
  // Help was printed already; `aig` alone (or a command group alone) prints it to stderr with exitCode 1, which
  // is a usage error here. With --json the help is not printed, so the message stands in for it.
  if (COMMANDER_OK.has(error.code)) {
    return error.exitCode === 0
      ? { exitCode: ExitCode.Success, code: 'ok', message: '' }
      : {
          exitCode: ExitCode.Usage,
          code: 'missing_command',
          message: "A command is missing: run 'aig --help', or 'aig <command> --help', to see what to run.",
          silent: true,
        };
  }
  const message = oneLine(error.message.replace(/^error:\s*/i, ''));
  const hint = error.code === 'commander.unknownCommand' ? " Run 'aig --help' to see every command." : '';
  return {
    exitCode: ExitCode.Usage,
    code: 'usage_error',
    message: `${capitalise(message)}.${hint}`.replace(/\.\./g, '.'),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A failed eval run is async work the gateway accepted and then could not finish, like a failed job: exit 7.
// `code` stays eval_failed (what failed); the run's `error` ({ code, message }, set when it failed) says why, in
// the message and as `reason_code` / `reason`. The SDK's own advice names SDK calls, so the CLI names its own.
function fromFailedEval(error: Error & Bag): DescribedError {
  const run = bag(error.run);
  const id = str(run.id);
  if (!id) return { exitCode: ExitCode.Provider, code: 'eval_failed', message: oneLine(error.message) };
  const name = str(run.name);
  const failure = bag(run.error);
  const reasonCode = str(failure.code);
  const reason = str(failure.message);
  const why = reason
    ? ` failed${reasonCode ? ` with ${reasonCode}` : ''}: ${oneLine(reason)}`
    : ' failed on the gateway, which gave no reason; check the dataset and candidate models.';
  return {
    exitCode: ExitCode.Provider,
    code: 'eval_failed',
    message:
      `Eval run ${id}${name ? ` (${name})` : ''}${why} See it with aig eval get ${id}; ` +
      'start a new run with aig eval run.',
    details: {
      eval_id: id,
      ...(reasonCode ? { reason_code: reasonCode } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

// Errors from aigateway-js are recognised by name and shape so that reporting them never has to load the SDK.
function fromSdk(error: Error & Bag): DescribedError | undefined {
  const name = error.name;
  const requestId = str(error.requestId);
  if (typeof error.status === 'number') {
    const status = error.status;
    const details = gatewayDetails(error.error) ?? {};
    // The SDK reads Retry-After from the header too; the envelope field is the contract's, so prefer it.
    if (details.retry_after === undefined && typeof error.retryAfter === 'number')
      details.retry_after = error.retryAfter;
    const raw = details.suggestions ?? error.suggestions;
    const suggestions = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
    if (details.suggestions === undefined && suggestions.length) details.suggestions = suggestions;
    let message = oneLine(error.message);
    if (suggestions.length && !suggestions.some((s) => message.includes(s))) {
      message += ` Did you mean ${suggestions.join(', ')}?`;
    }
    return {
      exitCode: exitCodeForStatus(status),
      code: str(error.code) ?? `http_${status}`,
      message,
      requestId,
      status,
      type: str(error.type),
      details: Object.keys(details).length ? details : undefined,
    };
  }
  switch (name) {
    case 'APIUserAbortError':
    case 'AbortError':
      return { exitCode: ExitCode.Interrupted, code: 'interrupted', message: 'Interrupted.' };
    case 'APITimeoutError':
      return {
        exitCode: ExitCode.Provider,
        code: 'timeout',
        message: `${oneLine(error.message)} Check the gateway is reachable, then retry.`,
        requestId,
      };
    case 'APIConnectionError':
      return {
        exitCode: ExitCode.Provider,
        code: 'connection_error',
        message: oneLine(error.message),
        requestId,
      };
    case 'StreamInterruptedError':
    case 'StreamIdleTimeoutError':
      return {
        exitCode: ExitCode.Provider,
        code: 'stream_interrupted',
        message: oneLine(error.message),
        requestId,
      };
    case 'JobTimeoutError':
      return { exitCode: ExitCode.Provider, code: 'job_timeout', message: oneLine(error.message) };
    case 'JobFailedError':
      return {
        exitCode: ExitCode.Provider,
        code: str(error.code) ?? 'job_failed',
        message: oneLine(error.message),
        requestId,
      };
    case 'EvalFailedError':
      return fromFailedEval(error);
    case 'WebhookVerificationError':
      return {
        exitCode: ExitCode.Auth,
        code: str(error.reason) ?? 'invalid_signature',
        message: oneLine(error.message),
      };
    case 'ConfigurationError':
    case 'InputValidationError':
      return { exitCode: ExitCode.Usage, code: 'invalid_input', message: oneLine(error.message) };
    default:
      return undefined;
  }
}

/** Turns anything thrown by a command into what the CLI reports, with the documented exit code. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof CliError) {
    return {
      exitCode: error.exitCode,
      code: error.code,
      message: oneLine(error.message),
      requestId: error.requestId,
      status: error.status,
      type: error.type,
      details: error.details,
      stack: error.stack,
      silent: error.silent,
    };
  }
  if (error instanceof commander.CommanderError) return fromCommander(error);
  if (error instanceof Error) {
    const described = fromSdk(error as Error & Bag);
    if (described) return { ...described, stack: error.stack };
    const errno = str((error as Error & Bag).code);
    if (errno === 'EPIPE') return { exitCode: ExitCode.Success, code: 'ok', message: '' };
    return {
      exitCode: ExitCode.Unexpected,
      code: 'unexpected_error',
      message: `${oneLine(error.message) || error.name}. This is a bug in aig; rerun with --verbose and report it.`,
      stack: error.stack,
    };
  }
  return {
    exitCode: ExitCode.Unexpected,
    code: 'unexpected_error',
    message: `Unexpected error: ${String(error)}. Rerun with --verbose and report it.`,
  };
}
