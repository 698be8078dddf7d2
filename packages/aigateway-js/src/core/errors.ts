// Every error the SDK throws. HTTP errors are built from the gateway's envelope in one place
// (`APIError.generate`), from the contract's error table (the generated wire facts).
import { errorCodes, errorStatuses } from 'aigateway-contract';
import { redact, redactResponseHeaders } from '../internal/redact.js';
import { parseRetryAfter } from './retry.js';
import type { Schemas } from './types.js';

/** The `error` object of the gateway's envelope, read leniently: any field may be absent. */
export interface ErrorObject {
  type?: string;
  code?: string;
  message?: string;
  param?: string | null;
  request_id?: string;
  [field: string]: unknown;
}

/** Base class of every error thrown by aigateway-js. */
export class AIgatewayError extends Error {
  override name = 'AIgatewayError';
}

/** The SDK was configured wrongly (missing key, bad base URL…); thrown before any request. */
export class ConfigurationError extends AIgatewayError {
  override name = 'ConfigurationError';
}

/** One problem found in a call's parameters. */
export interface InputIssue {
  /** Dotted path of the offending field, e.g. `messages` or `dataset.0.input`. */
  path: string;
  message: string;
}

/** Parameters failed validation before any request was sent. Not an HTTP error. */
export class InputValidationError extends AIgatewayError {
  override name = 'InputValidationError';
  readonly issues: readonly InputIssue[];
  constructor(method: string, issues: readonly InputIssue[]) {
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super(`Invalid parameters for ${method}: ${list}. Fix them before calling again.`);
    this.issues = issues;
  }
}

/** Optional details of an `APIError`. */
export interface APIErrorOptions {
  /** What a stream had delivered before the error arrived in it. */
  partial?: PartialStream | undefined;
}

/** An HTTP error response from the gateway. `message` is the gateway's, which says what to do. */
export class APIError extends AIgatewayError {
  override name = 'APIError';
  /** HTTP status code. */
  readonly status: number;
  /**
   * Envelope `type`, e.g. `invalid_request_error`: one of the contract's types, or a newer one
   * (`string & {}` keeps completion on the known ones without breaking on a new one).
   */
  readonly type: ErrorType | (string & {}) | undefined;
  /** Envelope `code`, e.g. `model_not_found`: compare with `ErrorCodes.model_not_found`. */
  readonly code: ErrorCode | (string & {}) | undefined;
  /** JSON path of the offending field, when the gateway names one. */
  readonly param: string | undefined;
  /** `X-Request-Id` of the failed call; quote it to support. */
  readonly requestId: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** The envelope's raw `error` object, including type-specific fields. */
  readonly error: ErrorObject | undefined;
  /**
   * What a stream had delivered when this error arrived in it (an error event mid-stream);
   * `undefined` for an error answered instead of a response.
   */
  readonly partial: PartialStream | undefined;

  constructor(
    status: number,
    error: ErrorObject | undefined,
    message: string,
    headers: Headers,
    options?: APIErrorOptions,
  ) {
    super(message);
    this.partial = options?.partial;
    this.status = status;
    this.error = error;
    this.headers = headers;
    this.type = str(error?.type);
    this.code = str(error?.code);
    this.param = str(error?.param);
    this.requestId = headers.get('x-request-id') ?? str(error?.request_id);
  }

  /** A safe, secret-free summary for logs and JSON. */
  toJSON(): Record<string, unknown> {
    const { name, message, status, type, code, param, requestId } = this;
    return { name, message, status, type, code, param, requestId };
  }

  /** Builds the error class matching `status` and the envelope's `code` from a parsed body. */
  static generate(
    status: number,
    body: unknown,
    rawText: string,
    headers: Headers,
    secrets: readonly string[] = [],
    options?: APIErrorOptions,
  ): APIError {
    const error = envelopeOf(body, secrets);
    const message = redact(str(error?.message) ?? fallbackMessage(status, rawText, headers), secrets);
    // Kept on the error, where `inspect(err)` shows them: a proxy may have echoed the key.
    headers = redactResponseHeaders(headers, secrets);
    if (status >= 500) {
      // Any 5xx may come from a proxy as well as the gateway: only the envelope says "provider".
      const provider = error?.type === 'provider_error' || error?.code === 'provider_error';
      const Class = provider ? ProviderError : InternalServerError;
      return new Class(status, error, message, headers, options);
    }
    const type = (errorStatuses as Readonly<Record<number, { type: ErrorType }>>)[status]?.type;
    const Class =
      type === 'not_found_error' && error?.code === ErrorCodes.model_not_found
        ? ModelNotFoundError
        : type === undefined
          ? APIError
          : CLASS_OF_TYPE[type];
    return new Class(status, error, message, headers, options);
  }
}

/** 400 / 413 / 422 `invalid_request_error`: the request is wrong; `param` names the field. */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** 401: key missing or invalid. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** 402: a sub-account's monthly spend cap was reached; the blocked request cost nothing. */
export class BudgetExceededError extends APIError {
  override name = 'BudgetExceededError';
  readonly spendCapCents: number | undefined;
  readonly spentCents: number | undefined;
  /** Held for the sub-account's requests and jobs still in flight; spent + reserved never passes the cap. */
  readonly reservedCents: number | undefined;
  /** The blocked request's price, when the gateway knew it before dispatch (a video's duration × its rate). */
  readonly priceCents: number | undefined;
  /** When the cap resets (start of next month, UTC), when the gateway says. */
  readonly resetsAt: Date | undefined;
  readonly subAccountId: string | undefined;
  constructor(
    status: number,
    error: ErrorObject | undefined,
    message: string,
    headers: Headers,
    options?: APIErrorOptions,
  ) {
    super(status, error, message, headers, options);
    this.spendCapCents = num(error?.spend_cap_cents);
    this.spentCents = num(error?.spent_cents);
    this.reservedCents = num(error?.reserved_cents);
    this.priceCents = num(error?.price_cents);
    const resets = num(error?.resets_at);
    this.resetsAt = resets === undefined ? undefined : new Date(resets * 1000);
    this.subAccountId = str(error?.sub_account_id);
  }
}

/** 403: the key may not do this (e.g. a sub-account key managing sub-accounts, a bad file signature). */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** 404: the job, sub-account, eval, request, file or path does not exist. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** 404 `model_not_found`: the slug is unknown; `suggestions` lists close catalog slugs. */
export class ModelNotFoundError extends NotFoundError {
  override name = 'ModelNotFoundError';
  readonly suggestions: readonly string[];
  constructor(
    status: number,
    error: ErrorObject | undefined,
    message: string,
    headers: Headers,
    options?: APIErrorOptions,
  ) {
    const raw = error?.suggestions;
    const suggestions = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
    const missing = suggestions.filter((s) => !message.includes(s));
    const hint = missing.length ? ` Did you mean ${missing.join(' or ')}?` : '';
    super(status, error, `${message}${hint}`, headers, options);
    this.suggestions = suggestions;
  }
}

/** 409: the same idempotency key is still being processed (retried automatically). */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /**
   * Whole seconds the gateway asked to wait, when it said: the envelope's `retry_after`, else the
   * `Retry-After` header (seconds or an HTTP date, read as the retry logic reads it), rounded up.
   */
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    error: ErrorObject | undefined,
    message: string,
    headers: Headers,
    options?: APIErrorOptions,
  ) {
    super(status, error, message, headers, options);
    const fromBody = num(error?.retry_after);
    const fromHeader = parseRetryAfter(headers);
    const seconds = fromBody ?? (fromHeader === undefined ? undefined : fromHeader / 1000);
    this.retryAfter = seconds === undefined ? undefined : Math.ceil(Math.max(0, seconds));
  }
}

/** 5xx: the gateway failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** 502 `provider_error`: the upstream provider failed and failover did not catch it. */
export class ProviderError extends InternalServerError {
  override name = 'ProviderError';
  /** The upstream provider, when the gateway names it. */
  readonly provider: string | undefined;
  constructor(
    status: number,
    error: ErrorObject | undefined,
    message: string,
    headers: Headers,
    options?: APIErrorOptions,
  ) {
    super(status, error, message, headers, options);
    this.provider = str(error?.provider);
  }
}

/** The error types of the contract's envelope (`error.type`). */
export type ErrorType = Schemas['ErrorType'];
/** The error codes of the contract's envelope (`error.code`). */
export type ErrorCode = Schemas['ErrorCode'];

/**
 * Every error code of the gateway's envelope by name, from the contract, to compare with `err.code`:
 * `if (err instanceof APIError && err.code === ErrorCodes.model_not_found) …`.
 */
export const ErrorCodes: { readonly [K in ErrorCode]: K } = Object.freeze(
  Object.fromEntries(Object.keys(errorCodes).map((code) => [code, code])),
) as { readonly [K in ErrorCode]: K };

// The class of each error type; a type added to the contract fails to compile here until it has one.
const CLASS_OF_TYPE: { readonly [T in ErrorType]: typeof APIError } = {
  invalid_request_error: BadRequestError,
  authentication_error: AuthenticationError,
  budget_exceeded: BudgetExceededError,
  permission_error: PermissionDeniedError,
  not_found_error: NotFoundError,
  conflict_error: ConflictError,
  rate_limit_error: RateLimitError,
  api_error: InternalServerError,
  provider_error: ProviderError,
};

/** The request never got a response (DNS, refused or dropped connection…). */
export class APIConnectionError extends AIgatewayError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error: the gateway could not be reached.', options?: ErrorOptions) {
    super(message, options);
  }
}

/** An attempt took longer than the `timeout` option. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
  constructor(timeoutMs?: number) {
    super(
      timeoutMs === undefined
        ? 'Request timed out.'
        : `Request timed out after ${timeoutMs} ms. Raise the \`timeout\` option if the call is expected to be slow.`,
    );
  }
}

/**
 * The caller aborted (an `AbortSignal` fired or `stream.abort()` was called). The reason given to
 * `abort(reason)` is the error's `cause`.
 */
export class APIUserAbortError extends AIgatewayError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.', options?: ErrorOptions) {
    super(message, options);
  }
}

/** What a stream delivered before it broke. */
export interface PartialStream {
  /** The text content of the whole stream so far (of the first choice, for a chat stream). */
  content: string;
  /**
   * The tool calls assembled from the whole stream so far (of the first choice, for a chat
   * stream), in index order; the last one may have been cut mid-`arguments`.
   */
  toolCalls: readonly Schemas['ToolCall'][];
  /**
   * The last chunks received (at most 64), oldest first, parsed on first
   * access. Earlier chunks are not kept, so that a long stream does not hold every chunk in
   * memory: `content` and `toolCalls` cover the whole stream.
   */
  readonly chunks: readonly unknown[];
}

/** A stream ended before `[DONE]` (connection cut mid-way). `partial` holds what arrived. */
export class StreamInterruptedError extends AIgatewayError {
  override name = 'StreamInterruptedError';
  readonly partial: PartialStream;
  readonly requestId: string | undefined;
  constructor(
    message: string,
    partial: PartialStream,
    requestId: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.partial = partial;
    this.requestId = requestId;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, requestId: this.requestId };
  }
}

/** A stream sent nothing (not even a keep-alive) for longer than `streamIdleTimeout`. */
export class StreamIdleTimeoutError extends StreamInterruptedError {
  override name = 'StreamIdleTimeoutError';
  constructor(idleMs: number, partial: PartialStream, requestId: string | undefined) {
    super(
      `Stream was silent for ${idleMs} ms (keep-alives arrive every 15 s), so it was closed. ` +
        'A proxy may be buffering the response (nginx: proxy_buffering off;), or raise `streamIdleTimeout`.',
      partial,
      requestId,
    );
  }
}

/** A job's final snapshot when it failed: `status` is `failed` and `error` says why. */
export type FailedJob = Schemas['Job'] & { status: 'failed'; error: Schemas['JobError'] };

/** An eval run's final state when it failed: `status` is `failed` and `error` says why. */
export type FailedEvalRun = Schemas['EvalRun'] & { status: 'failed'; error: Schemas['EvalError'] };

/** An async job (video, music or 3D) finished with status `failed`. */
export class JobFailedError extends AIgatewayError {
  override name = 'JobFailedError';
  /** The failed job as the gateway returned it: every `Job` field, `error` set. */
  readonly job: FailedJob;
  /** The gateway's failure code, e.g. `provider_error`. */
  readonly code: string | undefined;
  /** The gateway's reason. */
  readonly reason: string | undefined;
  constructor(job: FailedJob) {
    // Read defensively: a snapshot that says `failed` without an `error` must still make an error.
    const error: Partial<Schemas['JobError']> | null | undefined = job.error;
    super(`${job.id} failed${error?.message ? `: ${error.message}` : '.'}`);
    this.job = job;
    this.code = error?.code;
    this.reason = error?.message;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, id: this.job.id, code: this.code, reason: this.reason };
  }
}

/** An eval run finished with status `failed`. */
export class EvalFailedError extends AIgatewayError {
  override name = 'EvalFailedError';
  /** The failed run as the gateway returned it: its scores so far, if any, and `error`. */
  readonly run: FailedEvalRun;
  /** The gateway's failure code, e.g. `provider_error`. */
  readonly code: string | undefined;
  /** The gateway's reason, which says what to do next. */
  readonly reason: string | undefined;
  constructor(run: FailedEvalRun) {
    // Read defensively: a run that says `failed` without an `error` must still make an error.
    const error: Partial<Schemas['EvalError']> | null | undefined = run.error;
    super(
      error?.message
        ? `Eval run ${run.id} failed: ${error.message}`
        : `Eval run ${run.id} failed. Check its dataset and candidate models, then start a new run ` +
            '(client.evals.create).',
    );
    this.run = run;
    this.code = error?.code;
    this.reason = error?.message;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, id: this.run.id, code: this.code, reason: this.reason };
  }
}

/** What `wait()` polls: a job, or an eval run (`evals.wait`); `object` tells them apart. */
export type WaitedSnapshot = Schemas['Job'] | Schemas['EvalRun'];

/**
 * Waiting for a job (or eval run) took longer than the `timeout` given to `wait()`. Not generic, so
 * that `error instanceof JobTimeoutError` gives `job` a real type (a generic class gives `any`).
 */
export class JobTimeoutError extends AIgatewayError {
  override name = 'JobTimeoutError';
  /**
   * The last snapshot seen, if any poll succeeded: a `Job` (`jobs.wait`, `handle.wait`) or an
   * `EvalRun` (`evals.wait`); narrow on `job.object` (`'job'` or `'eval'`).
   */
  readonly job: WaitedSnapshot | undefined;
  /** The id that was waited for. */
  readonly id: string;
  constructor(id: string, timeoutMs: number, job: WaitedSnapshot | undefined) {
    super(
      `${id} was still ${job?.status ?? 'pending'} after ${timeoutMs} ms. ` +
        'Wait again with a longer `timeout`, or pass `webhook_url` to be notified instead of polling.',
    );
    this.id = id;
    this.job = job;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, id: this.id, status: this.job?.status };
  }
}

// The envelope is kept on the error (and so shows in `inspect`): mask any secret a server echoed.
// Each string is masked on its own, never the serialised JSON: a mask there could swallow a quote
// and leave text that no longer parses.
function envelopeOf(body: unknown, secrets: readonly string[]): ErrorObject | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const inner = (body as { error: unknown }).error;
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      return redactValue(inner, secrets) as ErrorObject;
  }
  return undefined;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key, secrets)] = redactValue(item, secrets);
    return out;
  }
  return value;
}

function fallbackMessage(status: number, rawText: string, headers: Headers): string {
  const location = status >= 300 && status < 400 ? headers.get('location') : null;
  if (location !== null) {
    return (
      `${status} redirect to ${location.replace(/[?#].*$/, '')} not followed: a redirect to another origin is ` +
      'followed only without a request body, and without your key and headers. Check the base URL.'
    );
  }
  const text = rawText.trim().slice(0, 300);
  return text ? `${status} ${text}` : `${status} status code (no body)`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
