import { toHex } from './hex.js';
import { resolveSecrets } from './options.js';
import { formatSignatureHeader } from './signature-header.js';
import type { WebhookEventType, WebhookSecret } from './types.js';
import { signedPayload } from './verify-core.js';

/** Options of `signWebhook` and `signWebhookAsync`. */
export interface SignWebhookOptions {
  /** The `t=` to sign, in Unix seconds. Default: now. Set it in the past or future to test tolerance. */
  timestamp?: number;
  /** `x-aig-event-type`. Default: from the payload's `status` (`failed` → `job.failed`, else `job.completed`). */
  type?: WebhookEventType;
  /** `x-aig-delivery-id`. Default: 32 random hex characters. */
  deliveryId?: string;
  /** `x-aig-attempt`. Default 1. */
  attempt?: number;
}

/** A signed webhook request, ready to POST (`fetch(url, { method: 'POST', body, headers })`). */
export interface SignedWebhook {
  /** The JSON body, exactly as signed. */
  body: string;
  /** The headers the gateway sends with a webhook. */
  headers: {
    'content-type': 'application/json';
    'user-agent': string;
    'x-aig-event-type': WebhookEventType;
    'x-aig-signature': string;
    'x-aig-delivery-id': string;
    'x-aig-attempt': string;
  };
  /** The `x-aig-signature` value: `t=<unix>,v1=<hex>` (one `v1=` per secret). */
  signature: string;
}

export interface PendingSignature {
  body: string;
  secrets: string[];
  timestamp: string;
  signedPayload: Uint8Array<ArrayBuffer>;
  headers: Omit<SignedWebhook['headers'], 'x-aig-signature'>;
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

function randomId(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
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
      'x-aig-delivery-id': options.deliveryId ?? randomId(),
      'x-aig-attempt': String(attempt),
    },
  };
}

export function finishSignature(pending: PendingSignature, digests: readonly Uint8Array[]): SignedWebhook {
  const signature = formatSignatureHeader(pending.timestamp, digests.map(toHex));
  return { body: pending.body, headers: { ...pending.headers, 'x-aig-signature': signature }, signature };
}
