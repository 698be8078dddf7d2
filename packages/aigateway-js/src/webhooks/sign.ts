// Signing a delivery the way the gateway does, for tests of your own handler: the JSON body, the
// headers the gateway sends and `x-aig-signature: t=<unix>,v1=<hex>` (one `v1=` per secret, as
// during a rotation). `signWebhookAsync` is here (Web Crypto); the synchronous `signWebhook` is in
// node.ts (node:crypto).
import type { SignedWebhook, SignWebhookOptions, WebhookEventType, WebhookSecret } from './types.js';
import { hmacSha256Async, resolveSecrets, signedPayload } from './verify.js';

/** A signature whose HMACs remain to be computed over `signedPayload` with each of `secrets`. */
export interface PendingSignature {
  body: string;
  secrets: string[];
  timestamp: string;
  signedPayload: Uint8Array<ArrayBuffer>;
  headers: Omit<SignedWebhook['headers'], 'x-aig-signature'>;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function typeOf(payload: string | object): WebhookEventType {
  let job: unknown = payload;
  try {
    if (typeof payload === 'string') job = JSON.parse(payload);
  } catch {
    // A deliberately invalid body (to test invalid_payload) is still signed.
  }
  const status = typeof job === 'object' && job !== null ? (job as { status?: unknown }).status : undefined;
  return status === 'failed' ? 'job.failed' : 'job.completed';
}

export function beginSignature(
  payload: string | object,
  secret: WebhookSecret,
  options: SignWebhookOptions = {},
): PendingSignature {
  if (typeof payload !== 'string' && (typeof payload !== 'object' || payload === null)) {
    throw new TypeError('signWebhook: payload must be a JSON string or an object to serialise.');
  }
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(
      `signWebhook: options.timestamp must be whole Unix seconds, got ${String(timestamp)}.`,
    );
  }
  const attempt = options.attempt ?? 1;
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new TypeError(`signWebhook: options.attempt must be an integer >= 1, got ${String(attempt)}.`);
  }
  return {
    body,
    secrets: resolveSecrets(secret),
    timestamp: String(timestamp),
    signedPayload: signedPayload(String(timestamp), body),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'AIgateway-Webhooks/1.0',
      'x-aig-event-type': options.type ?? typeOf(payload),
      'x-aig-delivery-id': options.deliveryId ?? toHex(globalThis.crypto.getRandomValues(new Uint8Array(16))),
      'x-aig-attempt': String(attempt),
    },
  };
}

export function finishSignature(pending: PendingSignature, digests: readonly Uint8Array[]): SignedWebhook {
  const signature = [`t=${pending.timestamp}`, ...digests.map((d) => `v1=${toHex(d)}`)].join(',');
  return { body: pending.body, headers: { ...pending.headers, 'x-aig-signature': signature }, signature };
}

/** `signWebhook` on Web Crypto, for tests on edge runtimes; same output. */
export async function signWebhookAsync(
  payload: string | object,
  secret: WebhookSecret,
  options?: SignWebhookOptions,
): Promise<SignedWebhook> {
  const pending = beginSignature(payload, secret, options);
  return finishSignature(
    pending,
    await Promise.all(pending.secrets.map((s) => hmacSha256Async(s, pending.signedPayload))),
  );
}
