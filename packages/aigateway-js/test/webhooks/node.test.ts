// node.ts's HMAC: two one-shot hashes over the RFC 2104 pads of each secret, prepared once and kept
// in a bounded cache, or createHmac (bodies beyond the reusable buffer, runtimes without
// crypto.hash). Both must give node:crypto's HMAC for any secret and body, and the cache must never
// let one secret's key stand in for another's.
import { createHmac, hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../src/webhooks/index.js';
import { hmacs, keys } from '../../src/webhooks/node.js';
import { beginVerification } from '../../src/webhooks/verify.js';
import { reasonOf } from './expect-error.js';
import { completedJob, NOW, NOW_SECONDS } from './fixtures.js';

const reference = (secret: string, t: number, body: string | Uint8Array) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

// Secrets unique to this file: the key cache is module state shared by every test in the worker.
const fresh = (name: string) => `whsec_node_${name}_${Math.random().toString(36).slice(2)}`;

const secretArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 90, unit: 'binary' }),
  // The block is 64 bytes: a longer key is hashed first; a lone surrogate is keyed as U+FFFD.
  fc.constantFrom('k'.repeat(64), 'k'.repeat(65), 'é'.repeat(33), 'a\uD800b'),
);
const bodyArb = fc.oneof(
  fc.string({ maxLength: 64, unit: 'binary' }),
  fc.string({
    maxLength: 8,
    unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  }),
  fc.uint8Array({ maxLength: 64 }),
  // Both sides of the reusable buffer: 48 KiB less the pad block and `${t}.`, counting a string at
  // 3 bytes per character (~16,350 characters).
  fc.constantFrom('x'.repeat(16_300), 'é'.repeat(16_400), new Uint8Array(49_000), new Uint8Array(49_100)),
);

describe('hmacs', () => {
  it.each([
    ['crypto.hash', hash],
    ['createHmac (no crypto.hash)', undefined],
  ] as const)('gives createHmac’s HMAC under every secret, for any secret and body (%s)', (_, oneShot) => {
    fc.assert(
      fc.property(
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        bodyArb,
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (secrets, body, t) => {
          const { headers } = signWebhook('{}', 'any', { timestamp: t });
          const pending = beginVerification(body, headers, secrets, undefined);
          expect(hmacs(pending, oneShot)).toEqual(secrets.map((s) => reference(s, t, body)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('marks an ASCII string body well-formed (no lone-surrogate scan needed) and nothing else', () => {
    const { headers } = signWebhook('{}', 'any', { timestamp: NOW_SECONDS });
    for (const [body, ascii] of [
      ['{"a":1}', true],
      ['{"a":"é"}', false],
      ['{"a":"\uD800"}', false],
    ] as const) {
      const pending = beginVerification(body, headers, 'k', undefined);
      hmacs(pending, hash);
      expect(pending.wellFormed, body).toBe(ascii);
    }
  });
});

describe('verifyWebhook’s key cache', () => {
  const deliver = (secret: string, id = 'job_abc123') =>
    signWebhook({ ...completedJob(), id }, secret, { timestamp: NOW_SECONDS });
  const verify = (d: ReturnType<typeof deliver>, secret: string | string[]) =>
    verifyWebhook(d.body, d.headers, secret, { now: NOW }).data.id;

  it('verifies deliveries of two secrets interleaved, each only with its own secret', () => {
    const [a, b] = [fresh('a'), fresh('b')];
    for (let i = 0; i < 3; i++) {
      expect(verify(deliver(a, `job_a${i}`), a)).toBe(`job_a${i}`);
      expect(verify(deliver(b, `job_b${i}`), b)).toBe(`job_b${i}`);
      expect(reasonOf(() => verify(deliver(a), b))).toBe('no_matching_signature');
      expect(reasonOf(() => verify(deliver(b), a))).toBe('no_matching_signature');
      expect(verify(deliver(b), [a, b])).toBe('job_abc123');
    }
  });

  it('refuses a wrong secret after the right one was cached, and accepts the right one after', () => {
    const [right, wrong] = [fresh('right'), fresh('wrong')];
    const delivery = deliver(right);
    expect(verify(delivery, right)).toBe('job_abc123');
    expect(reasonOf(() => verify(delivery, wrong))).toBe('no_matching_signature');
    // A secret that differs from the cached one only past the block (both are hashed to 32 bytes).
    const long = `${right}${'x'.repeat(64)}`;
    expect(verify(deliver(long), long)).toBe('job_abc123');
    expect(reasonOf(() => verify(deliver(long), `${long}y`))).toBe('no_matching_signature');
    expect(verify(delivery, right)).toBe('job_abc123');
  });

  it('prepares a secret once and holds at most 16 (the oldest is prepared again after 16 others)', () => {
    const first = fresh('first');
    verify(deliver(first), first);
    const prepared = keys.get(first, () => {
      throw new Error('not cached');
    });
    verify(deliver(first), first);
    expect(keys.get(first, () => ({ ...prepared }))).toBe(prepared);
    for (let i = 0; i < 16; i++) {
      const other = fresh(`other${i}`);
      verify(deliver(other), other);
    }
    const again = { ...prepared };
    expect(keys.get(first, () => again)).toBe(again);
    keys.forget(first, again);
    expect(verify(deliver(first), first)).toBe('job_abc123');
  });
});
