import { KeyCache } from './key-cache.js';
import type { ConstantTimeEqual } from './verify-core.js';

const keys = new KeyCache<Promise<CryptoKey>>(16);

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    throw new Error(
      'Web Crypto (globalThis.crypto.subtle) is not available in this runtime, so webhooks cannot be ' +
        'verified here. Browsers expose it only in secure contexts (https or localhost); on Node.js, ' +
        'use `verifyWebhook` instead.',
    );
  }
  return s;
}

function importKey(crypto: SubtleCrypto, secret: string): Promise<CryptoKey> {
  const raw = new TextEncoder().encode(secret);
  const key = crypto.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  // A failed import is not kept, so the next call tries again; the caller still gets the rejection.
  key.catch(() => keys.forget(secret, key));
  return key;
}

/** HMAC-SHA256 with the secret's UTF-8 bytes as key, via Web Crypto. */
export async function hmacSha256Async(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const crypto = subtle();
  return new Uint8Array(await crypto.sign('HMAC', await keys.get(secret, (s) => importKey(crypto, s)), data));
}

/** XOR-accumulates every byte of `a`, so the time depends on `a.length` only (a digest: public). */
export const constantTimeEqual: ConstantTimeEqual = (a, b) => {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
};
