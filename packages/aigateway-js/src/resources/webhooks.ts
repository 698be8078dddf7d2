import { APIResource } from '../core/resource.js';
import { WebhookVerificationError } from '../webhooks/errors.js';
import type {
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from '../webhooks/types.js';
import { verifyWebhookAsync } from '../webhooks/verify.js';

/** Options of `client.webhooks.unwrap`: the verifier's, and a secret other than the client's. */
export interface UnwrapWebhookOptions extends VerifyWebhookOptions {
  /** The signing secret (or several during a rotation); default: the client's `webhookSecret`. */
  secret?: WebhookSecret | undefined;
}

/**
 * Webhook deliveries checked with the client's signing secret (`webhookSecret`, or the
 * `AIGATEWAY_WEBHOOK_SECRET` environment variable), as openai's `client.webhooks`.
 */
export class Webhooks extends APIResource {
  /**
   * Verifies a delivery (signature in constant time, timestamp within `tolerance`, payload) and
   * returns the typed event; the same checks as `verifyWebhookAsync`, on every runtime.
   *
   * @throws {WebhookVerificationError} when the delivery is not authentic or not valid (answer 400)
   * @example
   * const event = await client.webhooks.unwrap(await request.text(), request.headers);
   * if (event.type === 'job.completed') console.log(event.data.result_url);
   */
  async unwrap(
    rawBody: WebhookRawBody,
    headers: WebhookHeaders,
    options: UnwrapWebhookOptions = {},
  ): Promise<WebhookEvent> {
    const { secret = this._client._webhookSecret, ...verify } = options;
    if (secret === undefined) {
      throw new WebhookVerificationError(
        'missing_secret',
        'No webhook secret: pass `webhookSecret` to `new AIgateway({ webhookSecret })` or set the ' +
          'AIGATEWAY_WEBHOOK_SECRET environment variable (your endpoint signing secret, whsec_…).',
      );
    }
    return verifyWebhookAsync(rawBody, headers, secret, verify);
  }
}
