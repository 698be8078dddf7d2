import { hmacSha256 } from './hmac-node.js';
import { beginSignature, finishSignature, type SignedWebhook, type SignWebhookOptions } from './sign-core.js';
import type { WebhookSecret } from './types.js';

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
    pending.secrets.map((s) => hmacSha256(s, pending.signedPayload)),
  );
}
