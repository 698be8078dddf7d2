import { createHmac } from 'node:crypto';

/**
 * The contract's definition, written out independently of the SDK: HMAC-SHA256 keyed with the
 * secret's UTF-8 bytes over `${t}.` followed by the raw body bytes, hex-encoded.
 */
export function referenceSignature(
  secret: string,
  timestamp: number | string,
  body: Uint8Array | string,
): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${timestamp}.`, 'utf8'))
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}
