import type { CommanderError } from 'commander';
import { commander } from './commander.js';
import { CliError } from '../errors.js';
import { ExitCode, type ExitCodeValue, exitCodeForStatus } from '../exit-codes.js';
import type { RunState } from '../runtime.js';
import { flagForField, inAigTerms, summariseBody } from './advice.js';
import { seconds } from './deadline.js';
import { type ErrorDetails, gatewayDetails } from './error-details.js';
import { ProxyError } from '../transport/proxy-connect.js';

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

/** What the run knew when the error happened. */
export interface DescribeContext extends RunState {
  /** Ctrl-C was pressed. */
  interrupted?: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
/** Up to the end of the first sentence (a full stop followed by a space), or all of it. */
const firstSentence = (text: string): string => /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;

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

/** "http://127.0.0.1:9/v1 (from AIGATEWAY_BASE_URL in /app/.env, through the proxy http://proxy:3128/)". */
function where(context: DescribeContext): string {
  const target = context.target;
  if (!target) return 'the gateway';
  const proxy = target.proxy ? `, through the proxy ${target.proxy}` : '';
  return `${target.baseURL} (from ${target.origin}${proxy})`;
}

/** How to point aig elsewhere, naming the setting the URL came from. */
function fixURL(context: DescribeContext): string {
  const origin = context.target?.origin;
  if (!origin || origin === 'the default base URL') return 'pass --base-url (or set AIGATEWAY_BASE_URL)';
  return `fix ${origin}`;
}

/** Why a connection failed: the proxy's fault, or the errno (ECONNREFUSED, ENOTFOUND, …) in the cause chain. */
function unreachable(error: unknown): string {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ProxyError) return e.message;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return WHY_UNREACHABLE[code] ?? code;
  }
  return 'the connection failed';
}

const WHY_UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

function timeout(context: DescribeContext, requestId?: string): DescribedError {
  const ms = context.deadlines?.ms;
  const after = ms === undefined ? '' : ` within ${seconds(ms / 1000)}`;
  return {
    exitCode: ExitCode.Provider,
    code: 'timeout',
    message:
      `No answer from ${where(context)}${after}. Check that the gateway is up and reachable, ` +
      'or give it longer with --timeout <seconds> (or AIGATEWAY_TIMEOUT).',
    requestId,
  };
}

// The SDK is loaded here, lazily: its errors exist only once a command has loaded it, and the CLI's own errors
// (and --help, which ends in a CommanderError) must not pay for importing it.
async function fromSdk(error: Error, context: DescribeContext): Promise<DescribedError | undefined> {
  const sdk = await import('aigateway-js/client');
  if (error instanceof sdk.APIUserAbortError) {
    if (!context.interrupted && context.deadlines?.fired) return timeout(context);
    return { exitCode: ExitCode.Interrupted, code: 'interrupted', message: 'Interrupted.' };
  }
  if (error instanceof sdk.APITimeoutError) return timeout(context);
  if (error instanceof sdk.APIConnectionError) {
    const why = unreachable(error);
    return {
      exitCode: ExitCode.Provider,
      code: 'connection_error',
      message:
        `Cannot reach ${where(context)}: ${why}. Check that the gateway runs there (aig dev starts a local one) ` +
        `and your network, or ${fixURL(context)}.`,
    };
  }
  if (error instanceof sdk.APIError) return fromApiError(error, context);
  if (error instanceof sdk.StreamIdleTimeoutError) {
    return {
      exitCode: ExitCode.Provider,
      code: 'stream_interrupted',
      message:
        'The answer stopped arriving (no data and no keep-alive for too long), so aig closed the stream. A proxy ' +
        'may be buffering it: retry, or pass --no-stream to get the whole answer at once.',
      requestId: error.requestId,
    };
  }
  if (error instanceof sdk.StreamInterruptedError) {
    return {
      exitCode: ExitCode.Provider,
      code: 'stream_interrupted',
      message: `The answer was cut off after ${error.partial.content.length} characters (the connection dropped). Retry, or pass --no-stream.`,
      requestId: error.requestId,
    };
  }
  if (error instanceof sdk.JobTimeoutError) {
    return {
      exitCode: ExitCode.Provider,
      code: 'timeout',
      message: `${error.id} is still ${error.job?.status ?? 'running'}; it keeps running on the gateway. Wait again with aig jobs wait ${error.id} --timeout <seconds>.`,
      details: { job_id: error.id },
    };
  }
  if (error instanceof sdk.JobFailedError) {
    const id = error.job.id;
    return {
      exitCode: ExitCode.Provider,
      code: error.code ?? 'job_failed',
      message: `${id} failed${error.reason ? `: ${oneLine(error.reason)}` : '.'} See it with aig jobs get ${id}; start a new one with aig call.`,
      details: { job_id: id },
    };
  }
  if (error instanceof sdk.EvalFailedError) return fromFailedEval(error);
  if (error instanceof sdk.WebhookVerificationError) {
    return { exitCode: ExitCode.Auth, code: error.reason, message: oneLine(error.message) };
  }
  if (error instanceof sdk.InputValidationError) {
    const issues = error.issues.map((issue) => {
      const flag = flagForField(issue.path);
      return flag
        ? `${flag}: ${issue.message}`
        : issue.path
          ? `${issue.path}: ${issue.message}`
          : issue.message;
    });
    return {
      exitCode: ExitCode.Usage,
      code: 'invalid_input',
      message: `${issues.join('; ')}.`.replace(/\.\.$/, '.'),
    };
  }
  if (error instanceof sdk.ConfigurationError) {
    return { exitCode: ExitCode.Usage, code: 'invalid_input', message: oneLine(error.message) };
  }
  if (error instanceof sdk.AIgatewayError) {
    // A response the SDK could not read at all: a 2xx body that is not JSON, say (a web page at the base URL).
    return {
      exitCode: ExitCode.Provider,
      code: 'unexpected_response',
      message: `${oneLine(error.message)} Is ${where(context)} the gateway's API? If not, ${fixURL(context)}.`,
    };
  }
  return undefined;
}

function fromApiError(
  error: InstanceType<typeof import('aigateway-js/client').APIError>,
  context: DescribeContext,
): DescribedError {
  const status = error.status;
  const details = gatewayDetails(error.error) ?? {};
  // The SDK reads Retry-After from the header too; the envelope field is the contract's, so prefer it.
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (details.retry_after === undefined && typeof retryAfter === 'number') details.retry_after = retryAfter;
  const suggestionsRaw = details.suggestions ?? (error as { suggestions?: unknown }).suggestions;
  const suggestions = Array.isArray(suggestionsRaw)
    ? suggestionsRaw.filter((s): s is string => typeof s === 'string')
    : [];
  if (details.suggestions === undefined && suggestions.length) details.suggestions = suggestions;
  let message: string;
  if (error.error === undefined) {
    // No envelope: a proxy's or load balancer's page (HTML, text) stands where the gateway's error would be.
    const type = error.headers.get('content-type')?.split(';')[0] ?? 'no content type';
    const body = summariseBody(error.message.replace(/^\d{3}\s*/, ''));
    message =
      `${where(context)} answered ${status} with ${type === 'text/html' ? 'an HTML page' : type}` +
      `${body && !/^status code/.test(body) ? ` ("${body}")` : ''} instead of an AIgateway error: a proxy or ` +
      `the wrong server may be in between. Retry later, or ${fixURL(context)} if it is the wrong URL.`;
  } else {
    message = inAigTerms(oneLine(error.message), error.type, error.code);
    if (status === 401) {
      // What is wrong stays the gateway's words; what to do (headers, dashboards) becomes aig's.
      const from = context.target?.keyOrigin;
      message =
        `${firstSentence(message)} ${from ? `The key came from ${from}. ` : ''}` +
        'Check it, or save a new one with aig init (or pass it with --key-file PATH).';
    }
    if (status === 404 && error.code === 'model_not_found' && !/\baig models\b/.test(message))
      message += ' List the catalog with aig models.';
    if (suggestions.length && !suggestions.some((s) => message.includes(s)))
      message += ` Did you mean ${suggestions.join(', ')}?`;
    const flag = flagForField(error.param);
    if (status >= 400 && status < 500 && flag && !message.includes(flag)) message += ` (set by ${flag})`;
  }
  return {
    exitCode: exitCodeForStatus(status),
    code: error.code ?? `http_${status}`,
    message,
    requestId: error.requestId,
    status,
    type: error.type,
    details: Object.keys(details).length ? details : undefined,
  };
}

// A failed eval run is async work the gateway accepted and then could not finish, like a failed job: exit 7.
// `code` stays eval_failed (what failed); the run's `error` ({ code, message }, set when it failed) says why, in
// the message and as `reason_code` / `reason`. The SDK's own advice names SDK calls, so the CLI names its own.
function fromFailedEval(
  error: InstanceType<typeof import('aigateway-js/client').EvalFailedError>,
): DescribedError {
  const run = error.run;
  const id = str(run.id);
  if (!id) return { exitCode: ExitCode.Provider, code: 'eval_failed', message: oneLine(error.message) };
  const name = str(run.name);
  const reasonCode = str(error.code);
  const reason = str(error.reason);
  const why = reason
    ? ` failed${reasonCode ? ` with ${reasonCode}` : ''}: ${inAigTerms(oneLine(reason))}`
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

/** Turns anything thrown by a command into what the CLI reports, with the documented exit code. */
export async function describeError(error: unknown, context: DescribeContext = {}): Promise<DescribedError> {
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
    const errno = str((error as NodeJS.ErrnoException).code);
    if (errno === 'EPIPE') return { exitCode: ExitCode.Success, code: 'ok', message: '' };
    const described = await fromSdk(error, context);
    if (described) return { ...described, stack: error.stack };
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
