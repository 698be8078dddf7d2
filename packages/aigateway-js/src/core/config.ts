// Resolves and validates client options once, at construction, so a configuration mistake fails
// before any request and every request reuses the prebuilt headers.
import { DEFAULT_BASE_URL, headers as headerRules } from 'aigateway-contract';
import { readEnv } from '../internal/env.js';
import { runtimeToken } from '../internal/runtime.js';
import { VERSION } from '../version.js';
import { ConfigurationError } from './errors.js';
import { LOG_LEVELS, Log, type LogLevel, type Logger } from './logger.js';
import {
  type ApiKeySetter,
  type AppInfo,
  type BYOKKeys,
  type ClientOptions,
  type Fetch,
  type FetchOptions,
  headerEntries,
  type QueryParams,
} from './options.js';

export { DEFAULT_BASE_URL };
const DEFAULTS = {
  maxRetries: 2,
  timeout: 600_000,
  streamIdleTimeout: 35_000,
  streamMaxEventBytes: 16 * 1024 * 1024,
  logLevel: 'warn',
} as const;
const TAG_RE = new RegExp(headerRules.tag.pattern);
const PROVIDER_RE = new RegExp(headerRules.byok.providerPattern);
// Header values may not hold control characters or surrounding whitespace; fetch would reject
// them with a message that quotes the value, i.e. the secret.
const HEADER_VALUE_RE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
// An RFC 9110 token, as a User-Agent product name or version must be.
const TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;

/** The options a client keeps for `withOptions()`: headers lower-cased into a record. */
export type StoredOptions = Readonly<
  Omit<ClientOptions, 'defaultHeaders'> & {
    baseURL: string;
    defaultHeaders: Readonly<Record<string, string | null>>;
  }
>;

/** Everything a request needs from its client, fully resolved. */
export interface ClientConfig {
  readonly options: StoredOptions;
  readonly baseURL: string;
  /** The base URL's origin: the only one that gets the client's credentials. */
  readonly origin: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly streamIdleTimeout: number;
  /** Largest size of one server-sent event, in bytes. */
  readonly streamMaxEventBytes: number;
  /** The transport; the core owns retries, timeouts, body encoding and errors around it. */
  readonly fetch: Fetch;
  /** `fetch` is the runtime's global fetch (no `fetch` option): on Node, attempts may time out through a dispatcher hook. */
  readonly globalFetch: boolean;
  /** Extra init options for every fetch, or `undefined`. */
  readonly fetchOptions: FetchOptions | undefined;
  /** `defaultQuery` as a query string without `?` (empty when none), and as values. */
  readonly query: string;
  readonly defaultQuery: QueryParams | undefined;
  readonly log: Log;
  /**
   * Authorization (for a fixed key), tag, BYOK, User-Agent and default headers, built once
   * (lower-case names).
   */
  readonly headers: Readonly<Record<string, string>>;
  /** A key function called before each request (then `headers` has no authorization). */
  readonly apiKeySetter: ApiKeySetter | undefined;
  /** The last key sent: the fixed key, or the last one the key function returned. */
  readonly key: { current: string };
  /** Values to mask in every log line and error message. */
  readonly secrets: readonly string[];
}

/** Validates `options` (falling back to the environment) into a `ClientConfig`. */
export function resolveConfig(options: ClientOptions): ClientConfig {
  const apiKeyOption = options.apiKey ?? readEnv('AIGATEWAY_API_KEY');
  if (!apiKeyOption) {
    throw new ConfigurationError(
      'Missing API key: pass `apiKey` to `new AIgateway({ apiKey })` or set the AIGATEWAY_API_KEY ' +
        'environment variable. Create a key in the AIgateway dashboard (https://aigateway.sh).',
    );
  }
  const apiKeySetter = typeof apiKeyOption === 'function' ? apiKeyOption : undefined;
  const apiKey = typeof apiKeyOption === 'string' ? apiKeyOption : undefined;
  if (apiKey !== undefined) assertSecret(apiKey, '`apiKey`');
  else if (!apiKeySetter)
    throw new ConfigurationError('`apiKey` must be a string or a function returning one.');
  const baseURL = checkBaseURL(options.baseURL ?? readEnv('AIGATEWAY_BASE_URL') ?? DEFAULT_BASE_URL);
  const logger = options.logger ?? (globalThis.console as Logger);
  const logLevel = resolveLogLevel(options.logLevel, logger);

  if (options.tag !== undefined) assertTag(options.tag, '`tag`');
  const byok = cleanBYOK(options.byok, '`byok`');
  const webhookSecret = options.webhookSecret ?? readEnv('AIGATEWAY_WEBHOOK_SECRET');
  const secrets = [
    ...(apiKey ? [apiKey] : []),
    ...Object.values(byok),
    ...(typeof webhookSecret === 'string' ? [webhookSecret] : (webhookSecret ?? [])),
  ];
  const headers: Record<string, string> = { accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const agent = userAgent(options.appInfo);
  if (agent) headers['user-agent'] = agent;
  if (options.tag !== undefined) headers['x-aig-tag'] = options.tag;
  for (const [provider, key] of Object.entries(byok)) headers[`x-byok-${provider}`] = key;
  const defaultHeaders: Record<string, string | null> = {};
  for (const [name, value] of headerEntries(options.defaultHeaders)) {
    if (value === undefined) continue;
    defaultHeaders[name] = value;
    if (value === null) delete headers[name];
    else headers[name] = value;
  }

  const userFetch = options.fetch;
  if (!userFetch && typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError('No global `fetch` in this runtime: pass one as the `fetch` option.');
  }
  // Looked up on each call, not captured, so a fetch patched later (msw, tracing) is honoured.
  const fetch: Fetch = userFetch ?? ((input, init) => globalThis.fetch(input, init));
  const log = new Log(logLevel, logger, secrets);
  const parsed = new URL(baseURL);
  if (!/\/v1$/.test(parsed.pathname)) {
    log.warn(`baseURL "${baseURL}" does not end in /v1; the public API lives at ${DEFAULT_BASE_URL}.`);
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname) && !warnedPlainHTTP.has(parsed.origin)) {
    warnedPlainHTTP.add(parsed.origin);
    log.warn(
      `baseURL ${parsed.origin} is plain http://: your API key is sent unencrypted to ${parsed.hostname}. ` +
        'Use https:// (plain http is for a local emulator on loopback).',
    );
  }
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new ConfigurationError(
      'This looks like a browser: a client here would expose your API key to anyone who opens the page. ' +
        'Call AIgateway from your server (or an edge function) instead; if the key is meant to be public ' +
        '(e.g. a sub-account key with a small spend cap) and you accept the risk, pass ' +
        '`dangerouslyAllowBrowser: true`.',
    );
  }
  const defaultQuery = options.defaultQuery;
  return {
    options: {
      ...options,
      apiKey: apiKeyOption,
      baseURL,
      byok,
      defaultHeaders,
      webhookSecret,
      ...(options.fetchOptions ? { fetchOptions: { ...options.fetchOptions } } : {}),
      ...(defaultQuery ? { defaultQuery: { ...defaultQuery } } : {}),
    },
    baseURL,
    origin: parsed.origin,
    maxRetries: checkCount(options.maxRetries, DEFAULTS.maxRetries, '`maxRetries`'),
    timeout: checkDuration(options.timeout, DEFAULTS.timeout, '`timeout`'),
    streamIdleTimeout: checkDuration(
      options.streamIdleTimeout,
      DEFAULTS.streamIdleTimeout,
      '`streamIdleTimeout`',
    ),
    streamMaxEventBytes: checkPositiveInteger(
      options.streamMaxEventBytes,
      DEFAULTS.streamMaxEventBytes,
      '`streamMaxEventBytes`',
    ),
    fetch,
    globalFetch: !userFetch,
    fetchOptions: options.fetchOptions ? { ...options.fetchOptions } : undefined,
    query: defaultQuery ? queryString(defaultQuery) : '',
    defaultQuery: defaultQuery ? { ...defaultQuery } : undefined,
    log,
    headers,
    apiKeySetter,
    key: { current: apiKey ?? '' },
    secrets,
  };
}

/** Origins already warned about a key sent over plain HTTP: once per process, not per client. */
const warnedPlainHTTP = new Set<string>();

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: where plain HTTP does not leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

// As openai-node decides it: a page's window and document (Workers, Deno and Node have neither).
function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return (
    typeof g.window !== 'undefined' &&
    typeof g.window.document !== 'undefined' &&
    typeof g.navigator !== 'undefined'
  );
}

/** `a=1&b=2` from `query`, leaving out `undefined` values. */
export function queryString(query: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** Calls the client's key function and checks what it gave. */
export async function callApiKeySetter(setter: ApiKeySetter): Promise<string> {
  let key: unknown;
  try {
    key = await setter();
  } catch (cause) {
    throw new ConfigurationError('The `apiKey` function threw; no request was sent.', { cause });
  }
  if (typeof key !== 'string' || !HEADER_VALUE_RE.test(key)) {
    throw new ConfigurationError(
      'The `apiKey` function must return (or resolve to) a non-empty key without spaces, line breaks ' +
        'or control characters.',
    );
  }
  return key;
}

/** `aigateway-js/<version> <runtime>/<version>`, then the app's product token when given. */
export function userAgent(app: AppInfo | undefined): string | undefined {
  const runtime = runtimeToken();
  if (runtime === undefined) return undefined;
  let agent = `aigateway-js/${VERSION} ${runtime}`;
  if (app) {
    if (typeof app.name !== 'string' || !TOKEN_RE.test(app.name)) {
      throw new ConfigurationError(
        `\`appInfo.name\` must be a product token (letters, digits, '.', '-', '_'…; no spaces), got ${JSON.stringify(app.name)}.`,
      );
    }
    if (app.version !== undefined && !TOKEN_RE.test(app.version)) {
      throw new ConfigurationError(
        `\`appInfo.version\` must be a version token without spaces, got ${JSON.stringify(app.version)}.`,
      );
    }
    if (app.url !== undefined && !/^https?:\/\/[\x21-\x7e]+$/.test(app.url)) {
      throw new ConfigurationError(`\`appInfo.url\` must be an http(s) URL, got ${JSON.stringify(app.url)}.`);
    }
    agent += ` ${app.name}${app.version ? `/${app.version}` : ''}${app.url ? ` (${app.url})` : ''}`;
  }
  return agent;
}

/** Throws unless `baseURL` is an http(s) URL that does not point at an endpoint. */
export function checkBaseURL(raw: string): string {
  // Echoed in messages without any `user:password@` part.
  const shown = raw.replace(/\/\/[^/?#]*@/, '//[redacted]@');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(
      `baseURL "${shown}" is not a valid URL. Use the API root, e.g. ${DEFAULT_BASE_URL} (or set AIGATEWAY_BASE_URL).`,
    );
  }
  if (url.username !== '' || url.password !== '' || shown !== raw) {
    throw new ConfigurationError(
      `baseURL "${shown}" holds a user name or password: remove the \`user:password@\` part (from the ` +
        '`baseURL` option or AIGATEWAY_BASE_URL) and pass your key as `apiKey` (or AIGATEWAY_API_KEY); ' +
        'the SDK sends it as `Authorization: Bearer`, to the gateway only.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(
      `baseURL "${raw}" must be an http:// or https:// URL, e.g. ${DEFAULT_BASE_URL}.`,
    );
  }
  const trimmed = raw.replace(/\/+$/, '');
  if (/\/chat(\/completions)?$/.test(url.pathname.replace(/\/+$/, ''))) {
    throw new ConfigurationError(
      `baseURL "${trimmed}" points at an endpoint: the base URL must end in /v1 ` +
        `(e.g. ${DEFAULT_BASE_URL}, not ${DEFAULT_BASE_URL}/chat/completions); the SDK appends endpoint paths itself.`,
    );
  }
  return trimmed;
}

export function assertTag(tag: string, label: string): void {
  if (typeof tag !== 'string' || !TAG_RE.test(tag)) {
    throw new ConfigurationError(
      `${label} must be 1–64 characters of letters, digits, '.', '_', ':' or '-' (got ${JSON.stringify(tag)}).`,
    );
  }
}

/** Checks a secret without ever echoing it. */
export function assertSecret(value: string, label: string): void {
  if (typeof value !== 'string' || !HEADER_VALUE_RE.test(value)) {
    throw new ConfigurationError(
      `${label} is not a valid key: it must be a non-empty string without spaces, line breaks or ` +
        'control characters (check for a stray newline when reading it from a file).',
    );
  }
}

/** Validates BYOK keys, lower-cases providers and drops `undefined` entries. */
export function cleanBYOK(byok: BYOKKeys | undefined, label: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!byok) return out;
  for (const [rawProvider, key] of Object.entries(byok)) {
    const provider = rawProvider.toLowerCase();
    if (!PROVIDER_RE.test(provider)) {
      throw new ConfigurationError(
        `${label} provider ${JSON.stringify(rawProvider)} is not a provider slug like "openai" or "anthropic".`,
      );
    }
    if (key === undefined) continue;
    assertSecret(key, `${label}.${provider}`);
    out[provider] = key;
  }
  return out;
}

function resolveLogLevel(option: LogLevel | undefined, logger: Logger): LogLevel {
  if (option !== undefined) {
    if (!LOG_LEVELS.includes(option)) {
      throw new ConfigurationError(
        `\`logLevel\` must be one of ${LOG_LEVELS.join(', ')} (got ${String(option)}).`,
      );
    }
    return option;
  }
  const env = readEnv('AIGATEWAY_LOG')?.toLowerCase();
  if (env === undefined) return DEFAULTS.logLevel;
  if ((LOG_LEVELS as readonly string[]).includes(env)) return env as LogLevel;
  logger.warn(`[aigateway] AIGATEWAY_LOG="${env}" is not one of ${LOG_LEVELS.join(', ')}; using "warn".`);
  return DEFAULTS.logLevel;
}

export function checkCount(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigurationError(`${label} must be a non-negative integer (got ${String(value)}).`);
  }
  return value;
}

export function checkPositiveInteger(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConfigurationError(`${label} must be a positive whole number (got ${String(value)}).`);
  }
  return value;
}

export function checkDuration(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new ConfigurationError(
      `${label} must be a positive number of milliseconds (got ${String(value)}).`,
    );
  }
  return value;
}
