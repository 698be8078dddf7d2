// The synchronous pair on node:crypto (Node.js, Bun): `verifyWebhook` and `signWebhook`. Everything
// but the HMAC and the constant-time comparison is shared with the Web Crypto twins (verify.ts,
// sign.ts). The edge build never imports this file (edge.ts stands in for it).
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
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

/**
 * One secret, prepared once: the KeyObject for `createHmac`, and the RFC 2104 pads for an HMAC of
 * two one-shot hashes, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)): the same one or two secrets verify
 * every delivery.
 * @internal
 */
export interface NodeKey {
  object: KeyObject;
  /** K ⊕ ipad: 64 bytes, SHA-256's block. */
  inner: Uint8Array;
  /** K ⊕ opad, then 32 bytes where the inner digest goes. */
  outer: Buffer;
}

const BLOCK = 64;

/** @internal */
export const keys = new KeyCache<NodeKey>(16);

function importKey(secret: string): NodeKey {
  const bytes = Buffer.from(secret, 'utf8');
  // A key longer than the block is replaced by its hash (RFC 2104 § 2).
  const key = bytes.length > BLOCK ? createHash('sha256').update(bytes).digest() : bytes;
  const inner = new Uint8Array(BLOCK).fill(0x36);
  const outer = Buffer.alloc(BLOCK + 32).fill(0x5c, 0, BLOCK);
  for (let i = 0; i < key.length; i++) {
    inner[i] = inner[i]! ^ key[i]!;
    outer[i] = outer[i]! ^ key[i]!;
  }
  return { object: createSecretKey(bytes), inner, outer };
}

// `crypto.hash` (one-shot, Node 20.12+, Bun) skips the Hmac object and its stream plumbing: two of
// them take ~1.5 µs where `createHmac` took ~2.5 µs over 1 KB. Older Node 20 releases take the
// `createHmac` path.
const oneShot = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;

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
  return finishVerification(pending, hmacs(pending, oneShot));
}

// A signed payload of up to SCRATCH_BYTES is written into this reusable buffer after a block for
// the inner pad: `${t}.`, then the body (a string as its UTF-8 bytes, as node:crypto and
// `TextEncoder` encode it, lone surrogates as U+FFFD). The byte count of a string tells an ASCII
// body (nearly every one) for free, which then needs no scan for lone surrogates before parsing.
// Synchronous use only, so one buffer serves every call.
const SCRATCH_BYTES = 48 * 1024;
let scratch: Uint8Array | undefined;
let utf8: TextEncoder | undefined;

/**
 * The hex HMAC of `${t}.${body}` under each secret. `hash`: the one-shot hash if the runtime has
 * one (a parameter so that tests take the other path too).
 * @internal
 */
export function hmacs(pending: PendingVerification, hash: typeof oneShot): string[] {
  const { body, timestamp } = pending;
  const start = BLOCK + timestamp.length + 1;
  // A string takes at most 3 bytes per UTF-16 unit. Beyond the buffer, the calls saved are noise.
  if (
    hash === undefined ||
    start + (typeof body === 'string' ? body.length * 3 : body.length) > SCRATCH_BYTES
  ) {
    return pending.secrets.map((s) =>
      createHmac('sha256', keys.get(s, importKey).object).update(`${timestamp}.`).update(body).digest('hex'),
    );
  }
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  // `t=` is digits only (the header parser admits nothing else).
  for (let i = 0; i < timestamp.length; i++) scratch[BLOCK + i] = timestamp.charCodeAt(i);
  scratch[start - 1] = 0x2e; // '.'
  let end = start + body.length;
  if (typeof body === 'string') {
    utf8 ??= new TextEncoder();
    const { written } = utf8.encodeInto(body, scratch.subarray(start));
    pending.wellFormed = written === body.length;
    end = start + written;
  } else {
    scratch.set(body, start);
  }
  const message = scratch.subarray(0, end);
  return pending.secrets.map((s) => {
    const key = keys.get(s, importKey);
    scratch!.set(key.inner);
    // The inner digest as 'binary' (latin1: one char per byte): a Buffer result cost ~1 µs more.
    key.outer.write(hash('sha256', message, 'binary'), BLOCK, 'binary');
    return hash('sha256', key.outer, 'hex');
  });
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
      createHmac('sha256', keys.get(s, importKey).object).update(pending.signedPayload).digest(),
    ),
  );
}
