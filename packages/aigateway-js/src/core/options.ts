import type { LogLevel, Logger } from './logger.js';

/** A provider's own API key, per provider slug: `{ openai: 'sk-…' }` is sent as `x-byok-openai`. */
export type BYOKKeys = Record<string, string | undefined>;

/** The `fetch` the SDK calls; inject one to add proxies, tracing or a test double transport. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Headers in any of the shapes fetch takes: a `Headers`, `[name, value]` tuples or a record. In a
 * record, `null` removes a header the SDK would otherwise send. Names match in any case.
 */
export type HeadersLike =
  | Headers
  | readonly (readonly [string, string])[]
  | Record<string, string | null | undefined>;

/**
 * Extra `fetch` init options, merged into every request's init (the SDK sets `method`, `headers`,
 * `body` and `signal` itself): e.g. an undici `dispatcher` for a proxy or keep-alive settings,
 * `keepalive`, `cache`, `credentials`.
 */
export type FetchOptions = Omit<RequestInit, 'method' | 'headers' | 'body' | 'signal' | 'dispatcher'> & {
  /** An undici `Dispatcher` (`Agent`, `ProxyAgent`, `EnvHttpProxyAgent`) for Node's fetch. */
  dispatcher?: unknown;
};

/** Query parameters: `undefined` values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** The key, or a function giving it: called before every request (key rotation, secret stores). */
export type ApiKeySetter = () => string | Promise<string>;

/** Who builds on the SDK, appended to the `User-Agent` (e.g. `my-framework/1.2.3`). */
export interface AppInfo {
  /** A product token: letters, digits and `!#$%&'*+.^_`|~-`. */
  name: string;
  /** Its version, same characters as `name`. */
  version?: string | undefined;
  /** A URL about it, sent in parentheses after the name. */
  url?: string | undefined;
}

/** Options of `new AIgateway(options)`. Every field is optional. */
export interface ClientOptions {
  /**
   * Your AIgateway key (`sk-aig-…`, or a sub-account's `sk-aig-sub-…`), or a function returning it
   * (sync or async), called before every request: rotate keys without a new client.
   * @default process.env.AIGATEWAY_API_KEY
   */
  apiKey?: string | ApiKeySetter | undefined;
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
  /**
   * Largest size, in bytes, of one server-sent event (a chat chunk is a few hundred bytes). A stream
   * sending a bigger one is stopped with `StreamInterruptedError` instead of buffering it without
   * bound.
   * @default 16777216 (16 MiB)
   */
  streamMaxEventBytes?: number | undefined;
  /** Headers added to every request (after the SDK's own; set one to override it, `null` to remove it). */
  defaultHeaders?: HeadersLike | undefined;
  /** Query parameters added to every request's URL (a call's own parameters win). */
  defaultQuery?: QueryParams | undefined;
  /**
   * Allow a client in a browser. Off by default, because a key in a web page is a key anyone can
   * read: call the gateway from your server. Turn it on only for a key meant to be public (e.g. a
   * sub-account key with a small spend cap). `aigateway-js/webhooks` does not need it.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * The fetch implementation. Given one, every call goes through it; by default, on Node.js, a
   * call read whole goes straight to undici's dispatcher instead of Node's own fetch (README §
   * Proxies and fetch options).
   * @default globalThis.fetch
   */
  fetch?: Fetch | undefined;
  /**
   * Extra `fetch` init options for every request, e.g. `{ dispatcher: new EnvHttpProxyAgent() }`
   * (undici) to honour `HTTPS_PROXY` / `NO_PROXY` on Node.js. The `dispatcher` carries every call,
   * also those that skip fetch; any other option sends every call through fetch.
   */
  fetchOptions?: FetchOptions | undefined;
  /** Identifies a framework or app built on the SDK in the `User-Agent` header. */
  appInfo?: AppInfo | undefined;
  /**
   * Your webhook signing secret (`whsec_…`), or several during a rotation, for `client.webhooks`.
   * @default process.env.AIGATEWAY_WEBHOOK_SECRET
   */
  webhookSecret?: string | readonly string[] | undefined;
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
  /** Aborts the call (and any retry wait or stream) with `APIUserAbortError`; its reason is the error's `cause`. */
  signal?: AbortSignal | undefined | null;
  /** `Idempotency-Key` for a POST; by default one is generated per call and reused on every retry. */
  idempotencyKey?: string | undefined;
  /** Extra headers, merged over the client's; in a record, `null` removes a header the SDK would send. */
  headers?: HeadersLike | undefined;
  /** Extra `fetch` init options for this call, merged over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions | undefined;
  /**
   * A different key for this call only (e.g. a customer's sub-account key). For many calls with
   * one key, prefer `client.withOptions({ apiKey })`.
   */
  apiKey?: string | undefined;
}

/** Headers as lower-case name → value (`null`: remove), in order; later entries win. */
export function headerEntries(headers: HeadersLike | undefined): [string, string | null | undefined][] {
  if (!headers) return [];
  const out: [string, string | null | undefined][] = [];
  if (Array.isArray(headers)) {
    for (const [name, value] of headers as readonly (readonly [string, string])[])
      out.push([name.toLowerCase(), value]);
  } else if (isHeaders(headers)) {
    headers.forEach((value, name) => {
      out.push([name, value]);
    });
  } else {
    const record = headers as Record<string, string | null | undefined>;
    for (const name of Object.keys(record)) out.push([name.toLowerCase(), record[name]]);
  }
  return out;
}

// Duck-typed so a Headers from another realm (an edge VM, a polyfill) is recognised too.
function isHeaders(value: object): value is Headers {
  return typeof (value as Headers).get === 'function' && typeof (value as Headers).forEach === 'function';
}

/** `b` over `a`, lower-cased; `null` entries are kept (they remove the SDK's header later). */
export function mergeHeaders(
  a: HeadersLike | undefined,
  b: HeadersLike | undefined,
): Record<string, string | null> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, string | null> = {};
  for (const [name, value] of [...headerEntries(a), ...headerEntries(b)]) {
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Request options `over` layered on `base` (a job's creation options under a wait's): defined
 * values win, and `byok`, `headers` and `fetchOptions` are merged entry by entry.
 */
export function mergeRequestOptions(base: RequestOptions, over: RequestOptions): RequestOptions {
  const out: RequestOptions = { ...base };
  for (const key of Object.keys(over) as (keyof RequestOptions)[]) {
    if (over[key] !== undefined) Object.assign(out, { [key]: over[key] });
  }
  if (base.byok && over.byok) out.byok = { ...base.byok, ...over.byok };
  if (base.headers && over.headers) out.headers = mergeHeaders(base.headers, over.headers);
  if (base.fetchOptions && over.fetchOptions)
    out.fetchOptions = { ...base.fetchOptions, ...over.fetchOptions };
  return out;
}
