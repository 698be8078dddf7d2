// The edge build's sync functions: these runtimes have no node:crypto, so there is no sync HMAC.
import type {
  SignedWebhook,
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';

function unavailable(name: string, alternative: string): Error {
  return new Error(
    `${name}() is synchronous and needs the crypto module of Node.js, which this runtime (the edge/browser build of ` +
      `aigateway-js/webhooks) does not have: use \`await ${alternative}(...)\` instead, with the same arguments.`,
  );
}

/** Not available on this runtime: throws; use `await verifyWebhookAsync(...)`. */
export function verifyWebhook(
  _rawBody: WebhookRawBody,
  _headers: WebhookHeaders,
  _secret: WebhookSecret,
  _options?: VerifyWebhookOptions,
): WebhookEvent {
  throw unavailable('verifyWebhook', 'verifyWebhookAsync');
}

/** Not available on this runtime: throws; use `await signWebhookAsync(...)`. */
export function signWebhook(
  _payload: string | object,
  _secret: WebhookSecret,
  _options?: SignWebhookOptions,
): SignedWebhook {
  throw unavailable('signWebhook', 'signWebhookAsync');
}
