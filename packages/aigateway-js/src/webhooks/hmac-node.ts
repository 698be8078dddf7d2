import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { KeyCache } from './key-cache.js';
import type { ConstantTimeEqual } from './verify-core.js';

const keys = new KeyCache<KeyObject>(16);
const importKey = (secret: string): KeyObject => createSecretKey(secret, 'utf8');

/** HMAC-SHA256 with the secret's UTF-8 bytes as key. */
export function hmacSha256(secret: string, data: Uint8Array): Uint8Array {
  return createHmac('sha256', keys.get(secret, importKey)).update(data).digest();
}

/**
 * HMAC-SHA256 of `${timestamp}.${body}` fed in two parts, the body as given: a string is hashed as
 * its UTF-8 encoding (what `TextEncoder` gives, lone surrogates as U+FFFD) without a copy.
 */
export function hmacSignedPayload(secret: string, timestamp: string, body: string | Uint8Array): Uint8Array {
  return createHmac('sha256', keys.get(secret, importKey)).update(`${timestamp}.`).update(body).digest();
}

export const constantTimeEqual: ConstantTimeEqual = (a, b) => {
  // timingSafeEqual throws on unequal lengths; compare `a` with itself so the work stays the same.
  if (a.length !== b.length) return !timingSafeEqual(a, a);
  return timingSafeEqual(a, b);
};
