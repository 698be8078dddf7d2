import { hmacSha256Async } from './hmac-web.js';
import { beginSignature, finishSignature, type SignedWebhook, type SignWebhookOptions } from './sign-core.js';
import type { WebhookSecret } from './types.js';

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
