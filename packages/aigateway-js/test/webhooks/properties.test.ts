import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader } from '../../src/webhooks/signature-header.js';
import {
  signWebhook,
  verifyWebhook,
  verifyWebhookAsync,
  WebhookVerificationError,
  type WebhookVerificationErrorReason,
} from '../../src/webhooks/index.js';
import { changeOneByte, changeOneChar, freshTimestamp, jobBody, secret } from './arbitraries.js';
import { completedJob, NOW, NOW_SECONDS, SECRET } from './fixtures.js';

const CASES = 10_000;
const encode = (text: string) => new TextEncoder().encode(text);

function reasonOf(run: () => unknown): WebhookVerificationErrorReason | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}

describe('verifyWebhook properties (fast-check)', () => {
  it(`accepts every correctly signed delivery and rejects every single-byte change (${CASES} cases)`, () => {
    fc.assert(
      fc.property(
        jobBody,
        secret,
        freshTimestamp,
        fc.constantFrom('body', 'signature', 'timestamp'),
        fc.nat(),
        fc.nat(),
        ({ body, type }, key, t, target, index, delta) => {
          const { headers, signature } = signWebhook(body, key, { timestamp: t, type, deliveryId: 'dlv_1' });
          const bytes = encode(body);
          const event = verifyWebhook(bytes, headers, key, { now: NOW });
          expect(JSON.stringify(event.data)).toBe(JSON.stringify(JSON.parse(body)));
          expect(event.timestamp).toBe(t);

          if (target === 'body') {
            const changed = changeOneByte(bytes, index, delta);
            expect(reasonOf(() => verifyWebhook(changed, headers, key, { now: NOW }))).toBe(
              'no_matching_signature',
            );
            return;
          }
          const comma = signature.indexOf(',');
          const [from, to, valid] =
            target === 'timestamp' ? [2, comma, /\d/] : [comma + 4, signature.length, /[0-9a-f]/];
          const changed = changeOneChar(signature, from, to, index, delta);
          const stillWellFormed = valid.test(changed[from + (index % (to - from))]!);
          const reason = reasonOf(() =>
            verifyWebhook(bytes, { ...headers, 'x-aig-signature': changed }, key, { now: NOW }),
          );
          // A character outside the field's alphabet may be tolerated only as trailing space, never accepted.
          if (stillWellFormed) expect(reason).toBe('no_matching_signature');
          else expect(['no_matching_signature', 'malformed_header']).toContain(reason);
        },
      ),
      { numRuns: CASES },
    );
  });

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

  it('verifyWebhook throws nothing but WebhookVerificationError for arbitrary header values', () => {
    const { body, headers } = signWebhook(completedJob(), SECRET, { timestamp: NOW_SECONDS });
    const names = ['x-aig-signature', 'x-aig-attempt', 'x-aig-delivery-id', 'x-aig-event-type'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(fc.string({ unit: 'binary' }), headerLike),
        (name, value) => {
          const reason = reasonOf(() =>
            verifyWebhook(body, { ...headers, [name]: value }, SECRET, { now: NOW }),
          );
          expect(reason).not.toBe('accepted' === reason && name === 'x-aig-signature' ? 'accepted' : '');
        },
      ),
      { numRuns: CASES },
    );
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

describe('verifyWebhook (node:crypto) and verifyWebhookAsync (Web Crypto) agree', () => {
  const delivery = fc.record({
    job: jobBody,
    key: secret,
    verifyWith: fc.oneof(secret, fc.array(secret, { minLength: 1, maxLength: 3 })),
    t: fc.integer({ min: NOW_SECONDS - 400, max: NOW_SECONDS + 400 }),
    tolerance: fc.constantFrom(undefined, 0, 60, 300),
    byte: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
    header: fc.option(fc.string({ unit: 'binary' }), { freq: 10, nil: undefined }),
  });

  it(`on every generated case (${CASES} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        delivery,
        async ({ job: { body, type }, key, verifyWith, t, tolerance, byte, header }) => {
          const { headers } = signWebhook(body, key, { timestamp: t, type, deliveryId: 'dlv_1' });
          const sent = byte === undefined ? encode(body) : changeOneByte(encode(body), byte[0], byte[1]);
          const all = header === undefined ? headers : { ...headers, 'x-aig-signature': header };
          const usedKey =
            fc.sample(fc.constant(0), 1).length && Array.isArray(verifyWith) ? [...verifyWith, key] : key;
          const options = { tolerance, now: NOW };
          const sync = await outcome(() => verifyWebhook(sent, all, usedKey, options));
          const web = await outcome(() => verifyWebhookAsync(sent, all, usedKey, options));
          expect(web).toEqual(sync);
        },
      ),
      { numRuns: CASES },
    );
  });
});
