// Everything both verifiers share: only the HMAC (sync node:crypto or async Web Crypto) and the
// constant-time comparison are passed in, so the two cannot drift apart.
import { WebhookVerificationError } from './errors.js';
import { type HeaderReader, headerReader, requireHeader } from './header-reader.js';
import { fromHex } from './hex.js';
import type { JobCompletedEvent, JobFailedEvent } from './job.js';
import { type ResolvedOptions, resolveOptions, resolveSecrets } from './options.js';
import { parseEventPayload } from './payload.js';
import { readRawBody } from './raw-body.js';
import { parseSignatureHeader, SIGNATURE_HEADER } from './signature-header.js';
import type { VerifyWebhookOptions, WebhookEvent, WebhookHeaders, WebhookSecret } from './types.js';
import { verifyTimestamp } from './timestamp.js';

/** Compares two byte strings in time that depends only on their lengths. */
export type ConstantTimeEqual = (a: Uint8Array, b: Uint8Array) => boolean;

/** A verification whose HMACs remain to be computed, over `${timestamp}.${body}` with each of `secrets`. */
export interface PendingVerification {
  secrets: string[];
  /** The raw body as given: a string (signed as its UTF-8 encoding) or the bytes. */
  body: string | Uint8Array;
  /** Set when the body is a string known to have no lone surrogate, so it need not be scanned for one. */
  wellFormed?: boolean;
  timestamp: string;
  candidates: Uint8Array[];
  read: HeaderReader;
  options: ResolvedOptions;
}

let encoder: TextEncoder | undefined;

/** `${t}.${raw_body}` as bytes: the signed content, per the contract's webhooks section. */
export function signedPayload(timestamp: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  encoder ??= new TextEncoder();
  // One encode of the whole string: concatenating strings is cheap, copying bytes is not.
  if (typeof body === 'string') return encoder.encode(`${timestamp}.${body}`);
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix);
  bytes.set(body, prefix.length);
  return bytes;
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
  return { secrets, body, timestamp, candidates: signatures.map(fromHex), read, options: resolved };
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

function deliveryHeaders(read: HeaderReader): { deliveryId: string; attempt: number; declaredType: string } {
  const deliveryId = requireHeader(read, 'x-aig-delivery-id');
  if (!/^[\x21-\x2b\x2d-\x7e]{1,255}$/.test(deliveryId)) {
    throw new WebhookVerificationError(
      'malformed_header',
      'The `x-aig-delivery-id` header must be one id of 1–255 printable characters; pass it as received.',
      'x-aig-delivery-id',
    );
  }
  const attempt = requireHeader(read, 'x-aig-attempt');
  if (!/^[1-9]\d{0,5}$/.test(attempt)) {
    throw new WebhookVerificationError(
      'malformed_header',
      'The `x-aig-attempt` header must be a positive integer (1 for the first attempt); pass it as received.',
      'x-aig-attempt',
    );
  }
  return { deliveryId, attempt: Number(attempt), declaredType: requireHeader(read, 'x-aig-event-type') };
}

/** Given the HMAC of the signed payload under each secret, authenticates and parses the event. */
export function finishVerification(
  pending: PendingVerification,
  digests: readonly Uint8Array[],
  equal: ConstantTimeEqual,
): WebhookEvent {
  let matched = false;
  // Every pair is compared: no early exit that would time which secret or entry matched.
  for (const digest of digests) {
    for (const candidate of pending.candidates) matched = equal(digest, candidate) || matched;
  }
  if (!matched) throw noMatch(pending.secrets);
  const timestamp = verifyTimestamp(pending.timestamp, pending.options);
  const { deliveryId, attempt, declaredType } = deliveryHeaders(pending.read);
  const data = parseEventPayload(pending.body, pending.wellFormed);
  const type = data.status === 'completed' ? 'job.completed' : 'job.failed';
  if (declaredType !== type) {
    throw new WebhookVerificationError(
      'malformed_header',
      `The \`x-aig-event-type\` header does not match the signed payload, a ${data.status} job (${type}): ` +
        'pass the headers that came with this body.',
      'x-aig-event-type',
    );
  }
  // Two literals rather than a spread of a shared base: at 1 KB the spread cost more than the checks.
  const dedupeKey = `${type}:${data.id}`;
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
