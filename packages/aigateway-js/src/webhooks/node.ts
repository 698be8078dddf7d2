// The synchronous pair on node:crypto (Node.js, Bun): `verifyWebhook` and `signWebhook`. Everything
// but the HMAC and the constant-time comparison is shared with the Web Crypto twins (verify.ts,
// sign.ts). The edge build never imports this file (edge.ts stands in for it).
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { beginSignature, finishSignature } from './sign.js';
import type {
  SignedWebhook,
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
import { beginVerification, finishVerification, KeyCache, type PendingVerification } from './verify.js';

const keys = new KeyCache<KeyObject>(16);
const importKey = (secret: string): KeyObject => createSecretKey(secret, 'utf8');

/**
 * Verifies a webhook from AIgateway and returns the typed event; throws `WebhookVerificationError`
 * (with a `reason`) if it is not authentic, too old or too new, or not a valid job snapshot.
 * Synchronous, with node:crypto: Node.js and Bun. On edge runtimes use `verifyWebhookAsync`.
 *
 * @param rawBody The body exactly as received (string, Buffer, Uint8Array or ArrayBuffer), never parsed JSON.
 * @param headers The request headers (`Headers`, `req.headers` or a plain object, any case).
 * @param secret The endpoint signing secret (`whsec_…`), or a list of them during a rotation.
 * @example
 * ```ts
 * app.post('/hooks/aigateway', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.AIGATEWAY_WEBHOOK_SECRET!);
 *   if (event.type === 'job.completed') console.log(event.data.result_url);
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhook(
  rawBody: WebhookRawBody,
  headers: WebhookHeaders,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): WebhookEvent {
  const pending = beginVerification(rawBody, headers, secret, options);
  const { timestamp } = pending;
  const body = hashable(pending);
  // `${t}.` and the body fed in two parts, the body as given or as its UTF-8 bytes (what
  // `TextEncoder` gives, lone surrogates as U+FFFD: the same bytes node:crypto hashes for a string).
  // Hex straight from node:crypto: cheaper than a digest Buffer, and compared with the header's hex.
  const digests = pending.secrets.map((s) =>
    createHmac('sha256', keys.get(s, importKey)).update(`${timestamp}.`).update(body).digest('hex'),
  );
  return finishVerification(pending, digests);
}

// A string body of up to SCRATCH_BYTES / 3 characters is encoded into this reusable buffer and its
// bytes hashed: node:crypto would encode it anyway, and the byte count tells an ASCII body (nearly
// every one) for free, which then needs no scan for lone surrogates before parsing (that scan cost
// ~7 % of a 1 KB verification on Node 20). Synchronous use only, so one buffer serves every call.
const SCRATCH_BYTES = 48 * 1024;
let scratch: Uint8Array | undefined;
let utf8: TextEncoder | undefined;

function hashable(pending: PendingVerification): string | Uint8Array {
  const { body } = pending;
  if (typeof body !== 'string' || body.length * 3 > SCRATCH_BYTES) return body;
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  utf8 ??= new TextEncoder();
  const { written } = utf8.encodeInto(body, scratch);
  pending.wellFormed = written === body.length;
  return scratch.subarray(0, written);
}

/**
 * Signs a payload the way the gateway does, for your own tests (Node.js; elsewhere use
 * `signWebhookAsync`). With several secrets, one `v1=` entry per secret, as during a rotation.
 *
 * @example
 * ```ts
 * const { body, headers } = signWebhook({ id: 'job_123', object: 'job', status: 'completed', … }, secret);
 * await fetch('http://127.0.0.1:3000/hooks/aigateway', { method: 'POST', body, headers });
 * ```
 */
export function signWebhook(
  payload: string | object,
  secret: WebhookSecret,
  options?: SignWebhookOptions,
): SignedWebhook {
  const pending = beginSignature(payload, secret, options);
  return finishSignature(
    pending,
    pending.secrets.map((s) =>
      createHmac('sha256', keys.get(s, importKey)).update(pending.signedPayload).digest(),
    ),
  );
}
