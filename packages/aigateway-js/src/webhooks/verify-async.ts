import { constantTimeEqual, hmacSha256Async } from './hmac-web.js';
import type {
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
import { beginVerification, finishVerification } from './verify-core.js';

/**
 * `verifyWebhook` on Web Crypto: works everywhere (Cloudflare Workers, Deno, Bun, Vercel/Next.js
 * edge, browsers, Node.js). Same arguments, same checks, same errors (as a rejected promise).
 *
 * @example
 * ```ts
 * // Next.js route handler, Hono, Workers …
 * export async function POST(request: Request) {
 *   const event = await verifyWebhookAsync(await request.text(), request.headers, process.env.AIGATEWAY_WEBHOOK_SECRET!);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyWebhookAsync(
  rawBody: WebhookRawBody,
  headers: WebhookHeaders,
  secret: WebhookSecret,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent> {
  const pending = beginVerification(rawBody, headers, secret, options);
  const digests = await Promise.all(pending.secrets.map((s) => hmacSha256Async(s, pending.signedPayload)));
  return finishVerification(pending, digests, constantTimeEqual);
}
