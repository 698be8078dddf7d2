import { constantTimeEqual, hmacSignedPayload } from './hmac-node.js';
import type {
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
import { beginVerification, finishVerification } from './verify-core.js';

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
  const { timestamp, body } = pending;
  const digests = pending.secrets.map((s) => hmacSignedPayload(s, timestamp, body));
  return finishVerification(pending, digests, constantTimeEqual);
}
