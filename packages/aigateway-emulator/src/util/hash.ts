import { createHash, createHmac } from 'node:crypto';

/** 32-bit FNV-1a: the seed of every deterministic output (vectors, colours, scores). */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A deterministic float in [0, 1) derived from `text`. */
export function unitHash(text: string): number {
  return fnv1a(text) / 4294967296;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}
