import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhook,
  verifyWebhookAsync,
  WebhookVerificationError,
} from '../../src/webhooks/index.js';
import { parseSignatureHeader } from '../../src/webhooks/verify.js';
import { changeOneByte, changeOneChar, freshTimestamp, jobBody, secret } from './arbitraries.js';
import { reasonOf } from './expect-error.js';
import { completedJob, NOW, NOW_SECONDS, SECRET } from './fixtures.js';

const CASES = 10_000;
const encode = (text: string) => new TextEncoder().encode(text);

describe('verifyWebhook properties (fast-check)', () => {
  it(`accepts every correctly signed delivery and rejects every single-byte change, and verifyWebhookAsync agrees (${CASES} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        jobBody,
        secret,
        freshTimestamp,
        fc.constantFrom('body', 'signature', 'timestamp'),
        fc.nat(),
        fc.nat(),
        async ({ body, type }, key, t, target, index, delta) => {
          const { headers, signature } = signWebhook(body, key, { timestamp: t, type, deliveryId: 'dlv_1' });
          const bytes = encode(body);
          const event = verifyWebhook(bytes, headers, key, { now: NOW });
          expect(JSON.stringify(event.data)).toBe(JSON.stringify(JSON.parse(body)));
          expect(event.timestamp).toBe(t);
          expect(await verifyWebhookAsync(bytes, headers, key, { now: NOW })).toEqual(event);

          let changedBody: Uint8Array = bytes;
          let changedHeaders = headers;
          let expected: readonly string[] = ['no_matching_signature'];
          if (target === 'body') {
            changedBody = changeOneByte(bytes, index, delta);
          } else {
            const comma = signature.indexOf(',');
            const [from, to, valid] =
              target === 'timestamp' ? [2, comma, /\d/] : [comma + 4, signature.length, /[0-9a-f]/];
            const changed = changeOneChar(signature, from, to, index, delta);
            changedHeaders = { ...headers, 'x-aig-signature': changed };
            // A character outside the field's alphabet may be refused as malformed (or trimmed), never accepted.
            if (!valid.test(changed[from + (index % (to - from))]!))
              expected = ['no_matching_signature', 'malformed_header'];
          }
          const sync = reasonOf(() => verifyWebhook(changedBody, changedHeaders, key, { now: NOW }));
          expect(expected).toContain(sync);
          const web = await verifyWebhookAsync(changedBody, changedHeaders, key, { now: NOW }).then(
            () => 'accepted',
            (error: WebhookVerificationError) => error.reason,
          );
          expect(web).toBe(sync);
        },
      ),
      { numRuns: CASES },
    );
    // 10,000 HMACs each way take ~14 s alone and passed the suite's 20 s limit at load ~25.
  }, 120_000);

  const headerLike = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          't=',
          'v1=',
          'v0=',
          ',',
          ', ',
          '=',
          ' ',
          `${NOW_SECONDS}`,
          'a'.repeat(64),
          '0'.repeat(63),
        ),
        fc.string({ unit: 'binary' }),
        fc.stringMatching(/^[0-9a-f]{0,66}$/),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

  it('the header parser throws nothing but WebhookVerificationError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), headerLike), (value) => {
        try {
          const parsed = parseSignatureHeader(value);
          expect(parsed.timestamp).toMatch(/^\d+$/);
          for (const s of parsed.signatures) expect(s).toMatch(/^[0-9a-f]{64}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookVerificationError);
          expect((error as WebhookVerificationError).reason).toBe('malformed_header');
        }
      }),
      { numRuns: CASES },
    );
  });

  it('verifyWebhook throws nothing but WebhookVerificationError for arbitrary header values, and never accepts an arbitrary signature', () => {
    const { body, headers } = signWebhook(completedJob(), SECRET, { timestamp: NOW_SECONDS });
    const names = ['x-aig-signature', 'x-aig-attempt', 'x-aig-delivery-id', 'x-aig-event-type'] as const;
    const seen = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(fc.string({ unit: 'binary' }), headerLike),
        (name, value) => {
          // reasonOf rethrows anything that is not a WebhookVerificationError, failing the property.
          const reason = reasonOf(() =>
            verifyWebhook(body, { ...headers, [name]: value }, SECRET, { now: NOW }),
          );
          seen.get(name)?.add(reason);
          if (name === 'x-aig-signature') {
            expect(reason).not.toBe('accepted');
            expect(['missing_header', 'malformed_header', 'no_matching_signature']).toContain(reason);
          } else {
            // The signature checks out, so only this header's own checks can refuse it.
            expect(['accepted', 'missing_header', 'malformed_header']).toContain(reason);
          }
        },
      ),
      { numRuns: CASES },
    );
    // The generator did reach each header's refusals, not only one outcome.
    for (const name of names)
      expect(seen.get(name)?.has('malformed_header') || seen.get(name)?.has('missing_header')).toBe(true);
    expect(seen.get('x-aig-attempt')?.has('accepted')).toBe(true);
  });
});

type Outcome = { event: unknown } | { reason: string; message: string };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    return { event: await run() };
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return { reason: error.reason, message: error.message };
  }
}

// The property above already compares both verifiers on every accepted and tampered case; this one
// adds wrong and rotated secrets, tolerance settings and arbitrary headers.
const MIXED_CASES = 2_000;

describe('verifyWebhook (node:crypto) and verifyWebhookAsync (Web Crypto) agree', () => {
  const delivery = fc.record({
    job: jobBody,
    key: secret,
    // The verifier's secrets: the signing key, the key within a rotation list, or only other secrets.
    verifyWith: fc.oneof(
      fc.constant({ kind: 'key' as const }),
      fc.record({
        kind: fc.constant('rotation' as const),
        others: fc.array(secret, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('wrong' as const),
        others: fc.oneof(
          secret.map((s) => [s]),
          fc.array(secret, { minLength: 1, maxLength: 3 }),
        ),
      }),
    ),
    t: fc.integer({ min: NOW_SECONDS - 400, max: NOW_SECONDS + 400 }),
    tolerance: fc.constantFrom(undefined, 0, 60, 300),
    // Half the bodies get one byte changed; one signature header in ten is replaced by any string.
    byte: fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 2, nil: undefined }),
    header: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 9 },
      { arbitrary: fc.string({ unit: 'binary' }), weight: 1 },
    ),
  });

  it(`on mixed valid, tampered, wrong-secret and malformed deliveries (${MIXED_CASES} cases)`, async () => {
    const reasons = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        delivery,
        async ({ job: { body, type }, key, verifyWith, t, tolerance, byte, header }) => {
          const { headers } = signWebhook(body, key, { timestamp: t, type, deliveryId: 'dlv_1' });
          const sent = byte === undefined ? encode(body) : changeOneByte(encode(body), byte[0], byte[1]);
          const all = header === undefined ? headers : { ...headers, 'x-aig-signature': header };
          const usedKey =
            verifyWith.kind === 'key'
              ? key
              : verifyWith.kind === 'rotation'
                ? [...verifyWith.others, key]
                : verifyWith.others;
          const options = { tolerance, now: NOW };
          const sync = await outcome(() => verifyWebhook(sent, all, usedKey, options));
          const web = await outcome(() => verifyWebhookAsync(sent, all, usedKey, options));
          expect(web).toEqual(sync);
          const reason = 'reason' in sync ? sync.reason : 'accepted';
          const wrongSecret = verifyWith.kind === 'wrong' && !verifyWith.others.includes(key);
          if (wrongSecret && header === undefined) {
            // Only other secrets: never accepted, whatever else the case changed.
            expect(reason).toBe('no_matching_signature');
            reasons.set('wrong secret', (reasons.get('wrong secret') ?? 0) + 1);
          }
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        },
      ),
      { numRuns: MIXED_CASES },
    );
    // Each kind of case the title promises was generated.
    for (const kind of [
      'accepted',
      'wrong secret',
      'no_matching_signature',
      'timestamp_outside_tolerance',
      'malformed_header',
    ])
      expect(reasons.get(kind) ?? 0, kind).toBeGreaterThan(MIXED_CASES / 50);
  });
});
