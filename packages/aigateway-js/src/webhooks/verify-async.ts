import { constantTimeEqual, hmacSha256Async } from './hmac-web.js';
import type {
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookHeaders,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
import { beginVerification, finishVerification, signedPayload } from './verify-core.js';

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
  const { timestamp, body } = pending;
  const payload = signedPayload(timestamp, body);
  // Encoding added no byte: the body is ASCII, so parsing it needs no scan for lone surrogates.
  pending.wellFormed = typeof body === 'string' && payload.length === timestamp.length + 1 + body.length;
  const digests = await Promise.all(pending.secrets.map((s) => hmacSha256Async(s, payload)));
  return finishVerification(pending, digests, constantTimeEqual);
}
