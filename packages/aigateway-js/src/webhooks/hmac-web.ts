import type { ConstantTimeEqual } from './verify-core.js';

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

/** HMAC-SHA256 with the secret's UTF-8 bytes as key, via Web Crypto. */
export async function hmacSha256Async(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const crypto = subtle();
  const key = await crypto.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.sign('HMAC', key, data));
}

/** XOR-accumulates every byte of `a`, so the time depends on `a.length` only (a digest: public). */
export const constantTimeEqual: ConstantTimeEqual = (a, b) => {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
};
