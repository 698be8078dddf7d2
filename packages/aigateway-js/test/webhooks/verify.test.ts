// verify.ts's parts with behaviour of their own: the header reader, the key cache, and the Web
// Crypto verifier importing each secret's HMAC key once (a failed import is not kept).
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook, verifyWebhookAsync } from '../../src/webhooks/index.js';
import { headerReader, KeyCache, signedPayload } from '../../src/webhooks/verify.js';
import { completedJob, NOW, NOW_SECONDS } from './fixtures.js';

describe('headerReader on a plain object', () => {
  it('matches names in any case and joins repeats in key order, as Node and Fetch join them', () => {
    const read = headerReader({
      'X-Aig-Attempt': '1',
      'x-aig-attempt': ['2', '3'],
      'X-AIG-ATTEMPT': 4,
      'x-aig-attemp': 'not this one',
      'x-aig-attempts': 'nor this one',
    });
    expect(read('x-aig-attempt')).toBe('1, 2, 3, 4');
  });

  it('ignores values that are not header values and reports an absent header as undefined', () => {
    const read = headerReader({ 'x-aig-attempt': undefined, 'x-aig-delivery-id': { id: 1 } } as never);
    expect(read('x-aig-attempt')).toBeUndefined();
    expect(read('x-aig-delivery-id')).toBeUndefined();
    expect(read('x-aig-signature')).toBeUndefined();
  });
});

describe('signedPayload', () => {
  // Encoded into room for 3 bytes per UTF-16 unit, not by TextEncoder.encode of a concatenation:
  // the bytes must be the same, lone surrogates (U+FFFD) and 4-byte characters included.
  it('is the UTF-8 of "<t>.<body>" for a string, and "<t>." then the bytes for bytes', () => {
    const unit = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }).map(String),
        fc.oneof(fc.string({ unit, maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
        (t, body) => {
          const expected =
            typeof body === 'string'
              ? new TextEncoder().encode(`${t}.${body}`)
              : Uint8Array.from([...new TextEncoder().encode(`${t}.`), ...body]);
          expect(signedPayload(t, body)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function counting() {
  const made: string[] = [];
  const create = (secret: string) => {
    made.push(secret);
    return { secret };
  };
  return { made, create };
}

describe('KeyCache', () => {
  it('creates a key once per secret', () => {
    const cache = new KeyCache<{ secret: string }>(4);
    const { made, create } = counting();
    const first = cache.get('a', create);
    expect(cache.get('a', create)).toBe(first);
    cache.get('b', create);
    expect(made).toEqual(['a', 'b']);
  });

  it('holds at most `max` keys, evicting the oldest first', () => {
    const cache = new KeyCache<{ secret: string }>(2);
    const { made, create } = counting();
    for (const secret of ['a', 'b', 'c', 'b', 'a']) cache.get(secret, create);
    // c evicted a; the second a evicted b.
    expect(made).toEqual(['a', 'b', 'c', 'a']);
    cache.get('c', create);
    expect(made).toHaveLength(4);
  });

  it('forgets a key only while it is still the cached one', () => {
    const cache = new KeyCache<{ secret: string }>(4);
    const { made, create } = counting();
    const stale = cache.get('a', create);
    cache.forget('a', stale);
    const fresh = cache.get('a', create);
    cache.forget('a', stale);
    expect(cache.get('a', create)).toBe(fresh);
    expect(made).toEqual(['a', 'a']);
  });
});

const subtle = globalThis.crypto.subtle;
// Secrets unique to this file: the key cache is module state shared by every test in the worker.
const secret = (name: string) => `whsec_hmac_web_${name}_${Math.random().toString(36).slice(2)}`;

function delivery(key: string) {
  return signWebhook(completedJob(), key, { timestamp: NOW_SECONDS });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('verifyWebhookAsync key cache', () => {
  it('imports a secret once across deliveries', async () => {
    const importKey = vi.spyOn(subtle, 'importKey');
    const key = secret('once');
    for (let i = 0; i < 3; i++) {
      const { body, headers } = delivery(key);
      expect((await verifyWebhookAsync(body, headers, key, { now: NOW })).type).toBe('job.completed');
    }
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed import: the delivery fails with its error and the next one imports again', async () => {
    const importKey = vi.spyOn(subtle, 'importKey').mockRejectedValueOnce(new Error('crypto thread busy'));
    const key = secret('fails');
    const { body, headers } = delivery(key);
    await expect(verifyWebhookAsync(body, headers, key, { now: NOW })).rejects.toThrow('crypto thread busy');
    expect((await verifyWebhookAsync(body, headers, key, { now: NOW })).type).toBe('job.completed');
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded number of keys (the oldest is imported again after many others)', async () => {
    const importKey = vi.spyOn(subtle, 'importKey');
    const keys = Array.from({ length: 17 }, (_, i) => secret(`many${i}`));
    for (const key of [...keys, keys[0]!, keys[16]!]) {
      const { body, headers } = delivery(key);
      await verifyWebhookAsync(body, headers, key, { now: NOW });
    }
    // 17 imports, then keys[0] again (evicted); keys[16] is still cached.
    expect(importKey).toHaveBeenCalledTimes(18);
  });
});
