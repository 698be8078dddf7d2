import type { LogLevel, Logger } from './logger.js';

/** A provider's own API key, per provider slug: `{ openai: 'sk-…' }` is sent as `x-byok-openai`. */
export type BYOKKeys = Record<string, string | undefined>;

/** The `fetch` the SDK calls; inject one to add proxies, tracing or a test double transport. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of `new AIgateway(options)`. Every field is optional. */
export interface ClientOptions {
  /**
   * Your AIgateway key (`sk-aig-…`, or a sub-account's `sk-aig-sub-…`).
   * @default process.env.AIGATEWAY_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Base URL of the API, ending in `/v1` (not `/v1/chat/completions`).
   * @default process.env.AIGATEWAY_BASE_URL, then `https://api.aigateway.sh/v1`
   */
  baseURL?: string | undefined;
  /** Feature tag sent as `x-aig-tag` on every request, for per-feature spend (1–64 chars `[A-Za-z0-9._:-]`). */
  tag?: string | undefined;
  /** Bring-your-own provider keys, sent as `x-byok-<provider>` (metered at 5 %). */
  byok?: BYOKKeys | undefined;
  /**
   * Retries after the first attempt on connection errors, 408, 409, 429 and 5xx.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds one attempt may take before it is aborted and retried (per attempt, not per call).
   * @default 600000 (10 minutes)
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a stream may stay silent before `StreamIdleTimeoutError`. The gateway sends a
   * keep-alive every 15 s, so the default allows two missed ones.
   * @default 35000
   */
  streamIdleTimeout?: number | undefined;
  /** Headers added to every request (after the SDK's own; set one to override it). */
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * The fetch implementation.
   * @default globalThis.fetch
   */
  fetch?: Fetch | undefined;
  /**
   * Minimum level logged: `debug` (every request with redacted headers), `info` (responses and
   * retries), `warn`, `error`, `off`.
   * @default process.env.AIGATEWAY_LOG, then `warn`
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go; any console-like object.
   * @default globalThis.console
   */
  logger?: Logger | undefined;
}

/** Options of one call; each overrides the client's value for that call only. */
export interface RequestOptions {
  /** Feature tag for this call (`x-aig-tag`). */
  tag?: string | undefined;
  /** BYOK keys for this call, merged over the client's. */
  byok?: BYOKKeys | undefined;
  /** Per-attempt timeout in ms. */
  timeout?: number | undefined;
  /** Retries for this call. */
  maxRetries?: number | undefined;
  /** Aborts the call (and any retry wait or stream) with `APIUserAbortError`. */
  signal?: AbortSignal | undefined | null;
  /** `Idempotency-Key` for a POST; by default one is generated per call and reused on every retry. */
  idempotencyKey?: string | undefined;
  /** Extra headers; `null` removes a header the SDK would otherwise send. */
  headers?: Record<string, string | null | undefined> | undefined;
  /**
   * A different key for this call only (e.g. a customer's sub-account key). For many calls with
   * one key, prefer `client.withOptions({ apiKey })`.
   */
  apiKey?: string | undefined;
}
