// The public types of aigateway-js/webhooks: what the verifiers take and return, and what the
// test signers produce. The job snapshot types are the contract's.
import type { components } from '../generated/openapi.js';

/** An async job (video, music or 3D generation), as `GET /v1/jobs/{id}` and webhooks return it. */
export type Job = components['schemas']['Job'];
/** The body of a `job.completed` webhook: the final snapshot, with `result_url` and `result` set. */
export type JobCompletedEvent = components['schemas']['JobCompletedEvent'];
/** The body of a `job.failed` webhook: the final snapshot, with `error` set. */
export type JobFailedEvent = components['schemas']['JobFailedEvent'];

/**
 * The request body exactly as received: the bytes the signature covers. A `Buffer` is a `Uint8Array`.
 * Never a parsed object: re-serialised JSON differs from what was signed.
 */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

/** A header value as frameworks hand it over: Node joins repeats into a string or keeps a `string[]`. */
export type WebhookHeaderValue = string | readonly string[] | number | undefined;

/**
 * Request headers: a Fetch `Headers`, Node's `IncomingHttpHeaders` (`req.headers`) or any plain
 * object; names match in any case.
 */
export type WebhookHeaders = Headers | { readonly [name: string]: WebhookHeaderValue };

/** The webhook signing secret (`whsec_…`), or several during a rotation: any one may match. */
export type WebhookSecret = string | readonly string[];

/** Options of `verifyWebhook` and `verifyWebhookAsync`. */
export interface VerifyWebhookOptions {
  /**
   * Largest accepted distance, in seconds, between the signed timestamp and now, in both directions
   * (too old: a replay; too far ahead: a forged or skewed clock). Default 300 (5 minutes).
   * `0` disables the timestamp check, as in Stripe's helpers: only for re-verifying stored
   * deliveries or fixtures, since it also disables replay protection.
   */
  tolerance?: number;
  /**
   * The current time, as a `Date` or as milliseconds since the epoch (the unit of `Date.now()`).
   * Default `Date.now`. Inject it to verify a stored delivery or in tests.
   */
  now?: () => Date | number;
}

/** The two event types the gateway sends (`x-aig-event-type`), one per final job status. */
export type WebhookEventType = components['schemas']['WebhookEventType'];

interface WebhookEventBase {
  /**
   * The delivery id (`x-aig-delivery-id`), for logs and support: it is not covered by the
   * signature, so never deduplicate on it (use `dedupeKey`).
   */
  id: string;
  /** Same as `id`: for logs only. */
  deliveryId: string;
  /**
   * `<type>:<job id>` (e.g. `job.completed:job_abc`), derived from the signed body only: the same
   * for every retry and every replay of one event, whatever headers they carry. Process each
   * `dedupeKey` once.
   */
  dedupeKey: string;
  /** 1-based attempt number (`x-aig-attempt`); retries come after 0 s, 30 s, 2 m, 10 m, 1 h, 6 h. */
  attempt: number;
  /** When the gateway signed this attempt, in Unix seconds (`t=` of `x-aig-signature`). */
  timestamp: number;
}

/** A verified `job.completed` or `job.failed` event; `data` is the final job snapshot (narrow on `type`). */
export type WebhookEvent =
  | (WebhookEventBase & { type: 'job.completed'; data: JobCompletedEvent })
  | (WebhookEventBase & { type: 'job.failed'; data: JobFailedEvent });

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
