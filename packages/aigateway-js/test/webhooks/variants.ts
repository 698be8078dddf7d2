import {
  type SignedWebhook,
  type SignWebhookOptions,
  signWebhook,
  signWebhookAsync,
  type VerifyWebhookOptions,
  verifyWebhook,
  verifyWebhookAsync,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookRawBody,
  type WebhookSecret,
} from '../../src/webhooks/index.js';

/** One implementation of the webhook contract; the sync one is wrapped so both suites read alike. */
export interface Variant {
  name: string;
  verify(
    rawBody: WebhookRawBody,
    headers: WebhookHeaders,
    secret: WebhookSecret,
    options?: VerifyWebhookOptions,
  ): Promise<WebhookEvent>;
  sign(payload: string | object, secret: WebhookSecret, options?: SignWebhookOptions): Promise<SignedWebhook>;
}

export const variants: Variant[] = [
  {
    name: 'verifyWebhook + signWebhook (node:crypto, sync)',
    // async, so that a synchronous throw becomes a rejection like the other variant's
    verify: async (...args) => verifyWebhook(...args),
    sign: async (...args) => signWebhook(...args),
  },
  {
    name: 'verifyWebhookAsync + signWebhookAsync (Web Crypto)',
    verify: verifyWebhookAsync,
    sign: signWebhookAsync,
  },
];
