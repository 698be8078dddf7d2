import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConstantTimeEqual } from './verify-core.js';

/** HMAC-SHA256 with the secret's UTF-8 bytes as key. */
export function hmacSha256(secret: string, data: Uint8Array): Uint8Array {
  return createHmac('sha256', secret).update(data).digest();
}

export const constantTimeEqual: ConstantTimeEqual = (a, b) => {
  // timingSafeEqual throws on unequal lengths; compare `a` with itself so the work stays the same.
  if (a.length !== b.length) return !timingSafeEqual(a, a);
  return timingSafeEqual(a, b);
};
