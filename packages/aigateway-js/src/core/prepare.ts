// Turns one call's spec into what every attempt of it reuses: URL, headers (with one
// Idempotency-Key for all retries), encoded body, effective retry and timeout settings.
import { headers as headerRules } from 'aigateway-contract';
import {
  assertSecret,
  assertTag,
  type ClientConfig,
  checkCount,
  checkDuration,
  cleanBYOK,
  queryString,
} from './config.js';
import { ConfigurationError } from './errors.js';
import { type FetchOptions, headerEntries, type QueryParams, type RequestOptions } from './options.js';
import { MultipartBody } from './uploads.js';
import type { Check } from './checks.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A call as a resource describes it. */
export interface RequestSpec extends RequestOptions {
  method: HttpMethod;
  /** Path under the base URL (`/chat/completions`) or an absolute URL. */
  path: string;
  query?: QueryParams | undefined;
  /** A JSON-serialisable value, a `FormData` / `Blob` / string sent as is, or a Promise of one. */
  body?: unknown;
  /** `false` sends no Authorization header (signed file URLs, other hosts). */
  auth?: boolean;
  /** The response is an SSE stream: the timeout stops at the headers, the idle timeout takes over. */
  stream?: boolean;
  /**
   * @internal The 2xx body is read whole (JSON or text): on Node the call may skip fetch's
   * streaming `Response` (core/transport-hook.ts).
   */
  buffered?: boolean;
  /**
   * @internal Input check run before anything is sent: the schema, the method name its errors
   * mention, and the value checked when it is not the body or query (e.g. a path id).
   */
  validate?: [check: Check, method: string, value?: unknown] | undefined;
}

export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
  /** The gateway's origin (the base URL's): the only one that gets the client's credentials. */
  origin: string;
  body: BodyInit | undefined;
  /** Per-call secrets (a per-request key, BYOK keys) to redact besides the client's. */
  secrets: string[];
  maxRetries: number;
  timeout: number;
  /** The client's and the call's extra fetch init options, merged; `undefined` when neither has any. */
  fetchOptions: FetchOptions | undefined;
}

const IDEMPOTENCY_KEY_RE = new RegExp(headerRules.idempotencyKey.pattern);

/**
 * `key` is the key this call sends when it is not the client's fixed one: the `apiKey` request
 * option, or what the client's key function returned.
 */
export function prepareRequest(config: ClientConfig, spec: RequestSpec, key?: string): PreparedRequest {
  // One copy of the prebuilt headers per call; everything below only touches what the call changes.
  // Object.assign, not a spread: on V8 a spread copy that then gains keys takes a slow path (µs).
  const headers: Record<string, string> = Object.assign({}, config.headers);
  const secrets: string[] = [];
  if (spec.apiKey !== undefined) {
    assertSecret(spec.apiKey, 'Request option `apiKey`');
    headers.authorization = `Bearer ${spec.apiKey}`;
    secrets.push(spec.apiKey);
  } else if (key !== undefined) {
    headers.authorization = `Bearer ${key}`;
    secrets.push(key);
  }
  if (spec.tag !== undefined) {
    assertTag(spec.tag, 'Request option `tag`');
    headers['x-aig-tag'] = spec.tag;
  }
  if (spec.byok) {
    for (const [provider, key] of Object.entries(cleanBYOK(spec.byok, 'Request option `byok`'))) {
      headers[`x-byok-${provider}`] = key;
      secrets.push(key);
    }
  }
  if (spec.stream) headers.accept = 'text/event-stream';
  if (spec.method === 'POST') {
    const key = spec.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY_RE.test(key)) {
      throw new ConfigurationError('`idempotencyKey` must be 1–255 printable ASCII characters.');
    }
    headers['idempotency-key'] = key ?? globalThis.crypto.randomUUID();
  }
  if (spec.headers) {
    for (const [name, value] of headerEntries(spec.headers)) {
      if (value === null) delete headers[name];
      else if (value !== undefined) headers[name] = value;
    }
  }
  if (spec.auth === false) delete headers.authorization;
  const { origin } = config;
  const absolute = ABSOLUTE_RE.test(spec.path);
  const url = requestURL(config, spec.path, absolute, spec.query);
  // Another origin (a file URL on a CDN, say) gets none of the client's credentials or default
  // headers — key, BYOK keys, tag, idempotency key — only what this call passes explicitly. A path
  // under the base URL cannot leave its origin, so only an absolute URL is parsed to tell.
  const sent =
    !absolute || new URL(url).origin === origin ? headers : { ...bareHeaders(headers), ...explicit(spec) };
  return {
    url,
    headers: sent,
    origin,
    body: encodeBody(spec.body, sent),
    secrets,
    maxRetries:
      spec.maxRetries === undefined ? config.maxRetries : checkCount(spec.maxRetries, 0, '`maxRetries`'),
    timeout: spec.timeout === undefined ? config.timeout : checkDuration(spec.timeout, 0, '`timeout`'),
    fetchOptions: spec.fetchOptions ? { ...config.fetchOptions, ...spec.fetchOptions } : config.fetchOptions,
  };
}

/**
 * What any origin may see of a call's headers (what it accepts and who asks): the headers for
 * another origin a redirect leads to, with none of the client's credentials or defaults.
 */
export function bareHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['accept', 'user-agent']) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

function explicit(spec: RequestSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headerEntries(spec.headers)) if (typeof value === 'string') out[name] = value;
  return out;
}

const ABSOLUTE_RE = /^https?:\/\//i;

function requestURL(
  config: ClientConfig,
  path: string,
  absolute: boolean,
  query: RequestSpec['query'],
): string {
  const { baseURL } = config;
  let url = path.startsWith('/') ? baseURL + path : absolute ? path : `${baseURL}/${path}`;
  // The client's defaultQuery goes only to its own API (not to a signed URL on another host), with
  // the call's own parameters winning.
  const defaults = absolute ? undefined : config.defaultQuery;
  const search = query
    ? queryString(defaults ? { ...defaults, ...query } : query)
    : absolute
      ? ''
      : config.query;
  if (search) url += `${url.includes('?') ? '&' : '?'}${search}`;
  return url;
}

/** JSON bodies are serialised once here, so retries resend the same bytes without re-encoding. */
function encodeBody(body: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof MultipartBody) {
    headers['content-type'] = body.contentType;
    return body.blob;
  }
  if (
    typeof body === 'string' ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  ) {
    return body as BodyInit;
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}
