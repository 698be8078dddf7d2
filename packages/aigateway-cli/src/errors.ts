import type { ErrorDetails } from './core/error-details.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** Fields a CLI error may carry besides its message. */
export interface CliErrorOptions {
  /** Stable, machine-readable code (snake_case), printed in the `--json` error envelope. */
  code: string;
  exitCode: ExitCodeValue;
  requestId?: string | undefined;
  status?: number | undefined;
  /** The gateway's envelope `type`, when the error came from the gateway (e.g. through an MCP tool). */
  type?: string | undefined;
  /** The gateway's type-specific fields (`retry_after`, `spend_cap_cents`, …), passed through as sent. */
  details?: ErrorDetails | undefined;
  cause?: unknown;
  /** The problem was already printed (e.g. by the emulator): report nothing more, just exit. */
  silent?: boolean;
}

/**
 * An error the CLI reports itself: one line on stderr (or a JSON envelope with `--json`) and a documented
 * exit code. The message always says what to do next.
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly requestId: string | undefined;
  readonly status: number | undefined;
  readonly type: string | undefined;
  readonly details: ErrorDetails | undefined;
  readonly silent: boolean;

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = options.code;
    this.exitCode = options.exitCode;
    this.requestId = options.requestId;
    this.status = options.status;
    this.type = options.type;
    this.details = options.details;
    this.silent = options.silent === true;
  }
}

/** A usage or bad-input error (exit 2). */
export function usageError(message: string, code = 'invalid_input'): CliError {
  return new CliError(message, { code, exitCode: ExitCode.Usage });
}

/**
 * A missing input: names the flag to pass (exit 2). `promptable` inputs also say why no prompt appeared.
 */
export function missingInput(what: string, flag: string, promptable = false): CliError {
  const why = promptable ? ' (prompts need a terminal, CI unset and no --no-input)' : '';
  return new CliError(`Missing ${what}: pass ${flag}${why}.`, {
    code: 'missing_input',
    exitCode: ExitCode.Usage,
  });
}

/** The user pressed Ctrl-C or cancelled a prompt (exit 130); `details` (a `job_id`, say) go in the JSON error. */
export function interrupted(message = 'Interrupted.', details?: ErrorDetails): CliError {
  return new CliError(message, { code: 'interrupted', exitCode: ExitCode.Interrupted, details });
}
