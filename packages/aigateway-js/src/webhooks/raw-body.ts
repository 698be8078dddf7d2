import { WebhookVerificationError } from './errors.js';

const HOW_TO_GET_THE_RAW_BODY =
  'The signature covers the exact bytes sent, so pass the raw body (a string, Buffer, Uint8Array or ' +
  'ArrayBuffer), never a parsed or re-serialised object. ' +
  "Express: `app.post('/hooks/aigateway', express.raw({ type: 'application/json' }), (req) => verifyWebhook(req.body, req.headers, secret))`. " +
  'Next.js route handlers: `verifyWebhook(await request.text(), request.headers, secret)`. ' +
  'Hono: `verifyWebhook(await c.req.text(), c.req.raw.headers, secret)`. ' +
  "Fastify: `app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body))`, then pass `request.body`.";

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an already-parsed object';
  return typeof value;
}

/**
 * The raw body as given: a string as is (it is signed as its UTF-8 encoding; encoding it here would
 * only copy it), anything binary as a byte view. Refuses parsed objects and everything else that
 * cannot be the signed bytes.
 */
export function readRawBody(rawBody: unknown): string | Uint8Array {
  if (typeof rawBody === 'string') return rawBody;
  // Any view (Buffer, Uint8Array, DataView) and ArrayBuffers from any realm.
  if (ArrayBuffer.isView(rawBody)) {
    return new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  if (Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]') {
    return new Uint8Array(rawBody as ArrayBuffer);
  }
  throw new WebhookVerificationError(
    'invalid_body',
    `The webhook body is ${describe(rawBody)}, not the raw request body. ${HOW_TO_GET_THE_RAW_BODY}`,
  );
}
