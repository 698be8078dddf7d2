// Webhook verification, top to bottom: read the raw body, the headers, the options and the secrets;
// parse `x-aig-signature`; compare HMAC-SHA256 over `${t}.${raw_body}` with every `v1=` entry in
// constant time; check the timestamp in both directions; check the delivery headers; validate the
// payload. Both verifiers run exactly this code: only the HMAC primitive differs (Web Crypto for
// `verifyWebhookAsync` here, node:crypto for the synchronous `verifyWebhook` in node.ts).
import { WebhookVerificationError } from './errors.js';
import { parseEventPayload } from './payload.js';
import type {
  JobCompletedEvent,
  JobFailedEvent,
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;
const SIGNATURE_HEADER = 'x-aig-signature';

// ── Raw body ────────────────────────────────────────────────────────────────────────────────────

const HOW_TO_GET_THE_RAW_BODY =
  'The signature covers the exact bytes sent, so pass the raw body (a string, Buffer, Uint8Array or ' +
  'ArrayBuffer), never a parsed or re-serialised object. ' +
  "Express: `app.post('/hooks/aigateway', express.raw({ type: 'application/json' }), (req) => verifyWebhook(req.body, req.headers, secret))`. " +
  'Next.js route handlers: `verifyWebhook(await request.text(), request.headers, secret)`. ' +
  'Hono: `verifyWebhook(await c.req.text(), c.req.raw.headers, secret)`. ' +
  "Fastify: `app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body))`, then pass `request.body`.";

function describeBody(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an already-parsed object';
  return typeof value;
}

/**
 * The raw body as given: a string as is (it is signed as its UTF-8 encoding; encoding it here would
 * only copy it), anything binary as a byte view. Refuses parsed objects and everything else that
 * cannot be the signed bytes.
 */
function readRawBody(rawBody: unknown): string | Uint8Array {
  if (typeof rawBody === 'string') return rawBody;
  // Any view (Buffer, Uint8Array, DataView) and ArrayBuffers from any realm.
  if (ArrayBuffer.isView(rawBody)) {
    return new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  if (Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]') {
    return new Uint8Array(rawBody as ArrayBuffer);
  }
  throw new WebhookVerificationError(
    'invalid_body',
    `The webhook body is ${describeBody(rawBody)}, not the raw request body. ${HOW_TO_GET_THE_RAW_BODY}`,
  );
}

let encoder: TextEncoder | undefined;

/** `${t}.${raw_body}` as bytes: the signed content, per the contract's webhooks section. */
export function signedPayload(timestamp: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  encoder ??= new TextEncoder();
  // `t` is digits, one byte each. A string is encoded into room for 3 bytes per UTF-16 unit:
  // `encode()` measures the UTF-8 length in a pass of its own first, and a `${t}.${body}`
  // concatenation is copied once more to flatten it (at 256 KB, ~720 µs against ~200 µs).
  const start = timestamp.length + 1;
  const bytes = new Uint8Array(start + (typeof body === 'string' ? body.length * 3 : body.length));
  encoder.encodeInto(`${timestamp}.`, bytes);
  if (typeof body !== 'string') {
    bytes.set(body, start);
    return bytes;
  }
  return bytes.subarray(0, start + encoder.encodeInto(body, bytes.subarray(start)).written);
}

// ── Headers ─────────────────────────────────────────────────────────────────────────────────────

/** Reads one header from any of the accepted header shapes, case-insensitively. */
type HeaderReader = (name: string) => string | undefined;

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // Repeated headers: joined as Node and Fetch join them.
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  return undefined;
}

/** @internal */
export function headerReader(headers: WebhookHeaders): HeaderReader {
  if (typeof headers !== 'object' || headers === null) {
    throw new WebhookVerificationError(
      'missing_header',
      `No request headers were given (got ${headers === null ? 'null' : typeof headers}): pass the ` +
        'request headers as received, e.g. `req.headers` (Node, Express, Fastify) or `request.headers` (Fetch).',
    );
  }
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const fetchHeaders = headers as Headers;
    return (name) => fetchHeaders.get(name) ?? undefined;
  }
  const record = headers as { readonly [name: string]: unknown };
  const keys = Object.keys(record);
  return (name) => {
    let joined: string | undefined;
    for (const key of keys) {
      // The length check spares a toLowerCase() for nearly every other header.
      if (key.length !== name.length || key.toLowerCase() !== name) continue;
      const text = toText(record[key]);
      if (text !== undefined) joined = joined === undefined ? text : `${joined}, ${text}`;
    }
    return joined;
  };
}

/** A header the gateway always sends; its absence means a proxy or the caller dropped it. */
function requireHeader(read: HeaderReader, name: string): string {
  const value = read(name);
  if (value === undefined || value.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      `The \`${name}\` header is missing: pass all request headers as received (not a subset), and make ` +
        'sure no proxy strips `x-aig-*` headers.',
      name,
    );
  }
  return value.trim();
}

function malformed(header: string, message: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', message, header);
}

const TIMESTAMP = /^\d{1,15}$/;
const V1 = /^[0-9a-f]{64}$/;
const FORMAT = '`t=<unix seconds>,v1=<64 lowercase hex chars>[,v1=…]`';

function malformedSignature(problem: string): WebhookVerificationError {
  return malformed(
    SIGNATURE_HEADER,
    `The \`${SIGNATURE_HEADER}\` header is malformed: ${problem}. It must look like ${FORMAT}; pass the ` +
      'header exactly as received.',
  );
}

/**
 * Parses `t=<unix>,v1=<hex>[,v1=<hex>…]`: the timestamp exactly as sent (it is signed as text) and
 * the v1 digests. Unknown schemes (`v0=`, a future `v2=`) are ignored, as in Stripe's format, so a
 * new scheme never breaks older verifiers.
 * @internal
 */
export function parseSignatureHeader(value: string): { timestamp: string; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  // Comma-separated entries, walked with indexOf rather than split(): no array on every delivery.
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const item = value.slice(start, end).trim();
    start = end + 1;
    const eq = item.indexOf('=');
    if (eq <= 0) throw malformedSignature('an entry is not a `key=value` pair');
    const key = item.slice(0, eq);
    const val = item.slice(eq + 1);
    if (key === 't') {
      if (timestamp !== undefined) throw malformedSignature('`t=` appears more than once');
      if (!TIMESTAMP.test(val)) throw malformedSignature('`t=` is not a Unix time in whole seconds');
      timestamp = val;
    } else if (key === 'v1') {
      if (!V1.test(val)) throw malformedSignature('a `v1=` value is not 64 lowercase hex characters');
      signatures.push(val);
    }
  }
  if (timestamp === undefined) throw malformedSignature('it has no `t=` timestamp');
  if (signatures.length === 0) throw malformedSignature('it has no `v1=` signature');
  return { timestamp, signatures };
}

const HEX = '0123456789abcdef';

/** Lowercase hex of `bytes` (a digest), to compare with the header's `v1=` values as sent. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++)
    hex += HEX[(bytes[i] as number) >> 4]! + HEX[(bytes[i] as number) & 15]!;
  return hex;
}

/**
 * Compares a digest's hex with a `v1=` value in time that depends only on the digest's length (public:
 * 64), as Stripe's `secureCompare` does: XOR-accumulated over every character, no early exit.
 */
function hexEqual(digest: string, candidate: string): boolean {
  let diff = digest.length ^ candidate.length;
  for (let i = 0; i < digest.length; i++) diff |= digest.charCodeAt(i) ^ candidate.charCodeAt(i);
  return diff === 0;
}

const DELIVERY_ID = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;
const ATTEMPT = /^[1-9]\d{0,5}$/;

function deliveryHeaders(read: HeaderReader): { deliveryId: string; attempt: number; declaredType: string } {
  const deliveryId = requireHeader(read, 'x-aig-delivery-id');
  if (!DELIVERY_ID.test(deliveryId)) {
    throw malformed(
      'x-aig-delivery-id',
      'The `x-aig-delivery-id` header must be one id of 1–255 printable characters; pass it as received.',
    );
  }
  const attempt = requireHeader(read, 'x-aig-attempt');
  if (!ATTEMPT.test(attempt)) {
    throw malformed(
      'x-aig-attempt',
      'The `x-aig-attempt` header must be a positive integer (1 for the first attempt); pass it as received.',
    );
  }
  return { deliveryId, attempt: Number(attempt), declaredType: requireHeader(read, 'x-aig-event-type') };
}

// ── Options and secrets ─────────────────────────────────────────────────────────────────────────

interface ResolvedOptions {
  tolerance: number;
  now: () => number | Date;
}

// Bad options are a bug in the caller's code, not a bad request: TypeError, not a verification error.
function resolveOptions(options: VerifyWebhookOptions | undefined): ResolvedOptions {
  const tolerance = options?.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new TypeError(
      `options.tolerance must be a number of seconds >= 0 (default ${DEFAULT_TOLERANCE_SECONDS}; 0 disables ` +
        `the timestamp check), got ${String(tolerance)}.`,
    );
  }
  const now = options?.now ?? Date.now;
  if (typeof now !== 'function') {
    throw new TypeError('options.now must be a function returning a Date or milliseconds, like `Date.now`.');
  }
  return { tolerance, now };
}

/** `options.now()` in whole seconds. */
function nowSeconds(options: ResolvedOptions): number {
  const current = options.now();
  const ms = current instanceof Date ? current.getTime() : current;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError('options.now() must return a valid Date or milliseconds since the epoch.');
  }
  return Math.floor(ms / 1000);
}

/** The secrets to try; an unset one is refused rather than skipped, so a misconfiguration shows. */
export function resolveSecrets(secret: WebhookSecret | undefined): string[] {
  const list: readonly unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) {
    throw new WebhookVerificationError(
      'missing_secret',
      'The list of webhook secrets is empty: pass your endpoint signing secret (whsec_…), or several during a rotation.',
    );
  }
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (typeof s === 'string' && s !== '') continue;
    const which = list.length === 1 ? 'The webhook secret' : `Webhook secret #${i + 1} of ${list.length}`;
    throw new WebhookVerificationError(
      'missing_secret',
      `${which} is ${s === '' ? 'an empty string' : s === null || s === undefined ? String(s) : `a ${typeof s}`}: pass ` +
        'your endpoint signing secret (whsec_…), e.g. from an environment variable, and check that the ' +
        'variable is set where this code runs.',
    );
  }
  return list as string[];
}

// ── Timestamp ───────────────────────────────────────────────────────────────────────────────────

// Dates past year 275760 are invalid; a 15-digit forged `t` must still yield a message, not a RangeError.
const iso = (seconds: number): string =>
  Math.abs(seconds) <= 8.64e12 ? new Date(seconds * 1000).toISOString() : 'out of range';

/** Checks the signed `t=` against now ± tolerance (both directions); returns it as a number. */
function verifyTimestamp(timestamp: string, options: ResolvedOptions): number {
  const signedAt = Number(timestamp);
  if (options.tolerance === 0) return signedAt;
  const now = nowSeconds(options);
  const age = now - signedAt;
  if (age > options.tolerance) {
    throw new WebhookVerificationError(
      'timestamp_outside_tolerance',
      `The webhook was signed ${age} s ago (t=${timestamp}, ${iso(signedAt)}; now ${iso(now)}), more than ` +
        `the ${options.tolerance} s tolerance, so it may be a replay. If your clock is wrong, sync it (NTP); ` +
        'to re-verify a stored delivery, pass `now` set to when it was received.',
    );
  }
  if (-age > options.tolerance) {
    throw new WebhookVerificationError(
      'timestamp_outside_tolerance',
      `The webhook timestamp is ${-age} s in the future (t=${timestamp}, ${iso(signedAt)}; now ${iso(now)}), ` +
        `beyond the ${options.tolerance} s tolerance: check this server's clock (NTP) or the \`now\` option.`,
    );
  }
  return signedAt;
}

// ── The two halves of a verification (the HMACs are computed in between) ──────────────────────────

/** A verification whose HMACs remain to be computed, over `${timestamp}.${body}` with each of `secrets`. */
export interface PendingVerification {
  secrets: string[];
  /** The raw body as given: a string (signed as its UTF-8 encoding) or the bytes. */
  body: string | Uint8Array;
  /** Set when the body is a string known to have no lone surrogate, so it need not be scanned for one. */
  wellFormed?: boolean;
  timestamp: string;
  /** The header's `v1=` values: lowercase hex, as the header parser admits them. */
  signatures: string[];
  read: HeaderReader;
  options: ResolvedOptions;
}

export function beginVerification(
  rawBody: unknown,
  headers: WebhookHeaders,
  secret: WebhookSecret,
  options: VerifyWebhookOptions | undefined,
): PendingVerification {
  const resolved = resolveOptions(options);
  const body = readRawBody(rawBody);
  const secrets = resolveSecrets(secret);
  const read = headerReader(headers);
  const { timestamp, signatures } = parseSignatureHeader(requireHeader(read, SIGNATURE_HEADER));
  return { secrets, body, wellFormed: false, timestamp, signatures, read, options: resolved };
}

function noMatch(secrets: readonly string[]): WebhookVerificationError {
  const padded = secrets.findIndex((s) => s.trim() !== s);
  return new WebhookVerificationError(
    'no_matching_signature',
    'No signature in `x-aig-signature` matches this body with the given secret(s). Check that the secret is ' +
      "this endpoint's signing secret (whsec_…), that you pass the raw body byte for byte (not " +
      'JSON.stringify(req.body), not re-encoded), and that no proxy rewrote the body.' +
      (padded === -1 ? '' : ` Note: secret #${padded + 1} has leading or trailing whitespace; trim it.`),
  );
}

/**
 * Given the HMAC of the signed payload under each secret (lowercase hex: node:crypto writes it
 * without a Buffer in between, and the header is hex already), authenticates and parses the event.
 */
export function finishVerification(pending: PendingVerification, digests: readonly string[]): WebhookEvent {
  let matched = false;
  // Every pair is compared: no early exit that would time which secret or entry matched.
  for (const digest of digests) {
    for (const candidate of pending.signatures) matched = hexEqual(digest, candidate) || matched;
  }
  if (!matched) throw noMatch(pending.secrets);
  const timestamp = verifyTimestamp(pending.timestamp, pending.options);
  const { deliveryId, attempt, declaredType } = deliveryHeaders(pending.read);
  const data = parseEventPayload(pending.body, pending.wellFormed);
  const type = data.status === 'completed' ? 'job.completed' : 'job.failed';
  if (declaredType !== type) {
    throw malformed(
      'x-aig-event-type',
      `The \`x-aig-event-type\` header does not match the signed payload, a ${data.status} job (${type}): ` +
        'pass the headers that came with this body.',
    );
  }
  const dedupeKey = `${type}:${data.id}`;
  // Two literals rather than a spread of a shared base: at 1 KB the spread cost more than the checks.
  return data.status === 'completed'
    ? {
        id: deliveryId,
        deliveryId,
        dedupeKey,
        attempt,
        timestamp,
        type: 'job.completed',
        data: data as JobCompletedEvent,
      }
    : {
        id: deliveryId,
        deliveryId,
        dedupeKey,
        attempt,
        timestamp,
        type: 'job.failed',
        data: data as JobFailedEvent,
      };
}

// ── HMAC keys and Web Crypto ────────────────────────────────────────────────────────────────────

/**
 * Imported HMAC keys by secret. Turning a secret into a key costs as much as a short HMAC (a round
 * trip to the crypto thread with Web Crypto), and the same one or two secrets verify every delivery.
 * Bounded, oldest out first, so a caller cycling through many secrets cannot grow it without limit.
 * @internal
 */
export class KeyCache<K> {
  readonly #keys = new Map<string, K>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(secret: string, create: (secret: string) => K): K {
    let key = this.#keys.get(secret);
    if (key === undefined) {
      key = create(secret);
      if (this.#keys.size >= this.#max) this.#keys.delete(this.#keys.keys().next().value as string);
      this.#keys.set(secret, key);
    }
    return key;
  }

  /** Forgets `key` if it is still the one cached for `secret` (e.g. an import that failed). */
  forget(secret: string, key: K): void {
    if (this.#keys.get(secret) === key) this.#keys.delete(secret);
  }
}

const webKeys = new KeyCache<Promise<CryptoKey>>(16);

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    throw new Error(
      'Web Crypto (globalThis.crypto.subtle) is not available in this runtime, so webhooks cannot be ' +
        'verified here. Browsers expose it only in secure contexts (https or localhost); on Node.js, ' +
        'use `verifyWebhook` instead.',
    );
  }
  return s;
}

function importWebKey(crypto: SubtleCrypto, secret: string): Promise<CryptoKey> {
  const raw = new TextEncoder().encode(secret);
  const key = crypto.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  // A failed import is not kept, so the next call tries again; the caller still gets the rejection.
  key.catch(() => webKeys.forget(secret, key));
  return key;
}

/** HMAC-SHA256 with the secret's UTF-8 bytes as key, via Web Crypto. */
export async function hmacSha256Async(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const crypto = subtle();
  return new Uint8Array(
    await crypto.sign('HMAC', await webKeys.get(secret, (s) => importWebKey(crypto, s)), data),
  );
}

/**
 * `verifyWebhook` on Web Crypto: works everywhere (Cloudflare Workers, Deno, Bun, Vercel/Next.js
 * edge, browsers, Node.js). Same arguments, same checks, same errors (as a rejected promise).
 *
 * @example
 * ```ts
 * // Next.js route handler, Hono, Workers …
 * export async function POST(request: Request) {
 *   const event = await verifyWebhookAsync(await request.text(), request.headers, process.env.AIGATEWAY_WEBHOOK_SECRET!);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyWebhookAsync(
  rawBody: WebhookRawBody,
  headers: WebhookHeaders,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent> {
  const pending = beginVerification(rawBody, headers, secret, options);
  const { timestamp, body } = pending;
  const payload = signedPayload(timestamp, body);
  // Encoding added no byte: the body is ASCII, so parsing it needs no scan for lone surrogates.
  pending.wellFormed = typeof body === 'string' && payload.length === timestamp.length + 1 + body.length;
  const digests = await Promise.all(pending.secrets.map((s) => hmacSha256Async(s, payload)));
  return finishVerification(pending, digests.map(toHex));
}
