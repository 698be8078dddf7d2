import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, type WebhookRawBody } from '../../src/webhooks/index.js';
import { referenceSignature } from '../webhooks/reference-signer.js';
import { variants } from '../webhooks/variants.js';
import { loadVectors } from './vectors.js';

interface WebhookCase {
  name: string;
  body?: string;
  body_base64?: string;
  body_parsed?: unknown;
  headers: Record<string, string>;
  secret: string | string[];
  now: number;
  tolerance?: number;
  expect:
    | {
        event: { type: string; delivery_id: string; attempt: number; timestamp: number; dedupe_key: string };
      }
    | { error: string; header?: string };
}

const { cases } = loadVectors<WebhookCase>('webhooks.json');

function rawBody(c: WebhookCase): WebhookRawBody {
  if (c.body_base64 !== undefined) return new Uint8Array(Buffer.from(c.body_base64, 'base64'));
  if (c.body_parsed !== undefined) return c.body_parsed as WebhookRawBody;
  return c.body as string;
}

describe.each(variants)('conformance: webhooks.json with $name', ({ verify }) => {
  it.each(cases)('$name', async (c) => {
    const options = {
      now: () => c.now * 1000,
      ...(c.tolerance === undefined ? {} : { tolerance: c.tolerance }),
    };
    const outcome = await verify(rawBody(c), c.headers, c.secret, options).then(
      (event) => ({ event }),
      (error: unknown) => ({ error }),
    );
    if ('event' in c.expect) {
      if ('error' in outcome) throw outcome.error;
      const { event } = outcome;
      expect({
        type: event.type,
        delivery_id: event.deliveryId,
        attempt: event.attempt,
        timestamp: event.timestamp,
        dedupe_key: event.dedupeKey,
      }).toEqual(c.expect.event);
      const text = c.body ?? Buffer.from(c.body_base64 ?? '', 'base64').toString('utf8');
      expect(event.data).toEqual(JSON.parse(text.replace(/^\uFEFF/, '')));
    } else {
      expect('error' in outcome && outcome.error).toBeInstanceOf(WebhookVerificationError);
      const error = (outcome as { error: WebhookVerificationError }).error;
      expect({ reason: error.reason, header: error.header }).toEqual({
        reason: c.expect.error,
        header: c.expect.header,
      });
    }
  });
});

describe('conformance: webhooks.json is self-consistent', () => {
  it('every accepted case carries a v1 entry an independent HMAC reproduces', () => {
    for (const c of cases.filter((x) => 'event' in x.expect)) {
      const header =
        Object.entries(c.headers).find(([k]) => k.toLowerCase() === 'x-aig-signature')?.[1] ?? '';
      const t = /t=(\d+)/.exec(header)?.[1] ?? '';
      const bytes =
        c.body_base64 === undefined ? Buffer.from(c.body ?? '') : Buffer.from(c.body_base64, 'base64');
      const secrets = Array.isArray(c.secret) ? c.secret : [c.secret];
      const expected = secrets.map((s) => referenceSignature(s, t, bytes));
      expect(
        expected.some((sig) => header.includes(`v1=${sig}`)),
        c.name,
      ).toBe(true);
    }
  });

  it('covers every reason, rotation and tolerance in both directions', () => {
    const reasons = new Set(cases.flatMap((c) => ('error' in c.expect ? [c.expect.error] : [])));
    expect([...reasons].sort()).toEqual(
      [
        'invalid_body',
        'invalid_payload',
        'malformed_header',
        'missing_header',
        'missing_secret',
        'no_matching_signature',
        'timestamp_outside_tolerance',
      ].sort(),
    );
    const names = cases.map((c) => c.name).join('\n');
    expect(names).toMatch(/rotation/);
    expect(names).toMatch(/ago/);
    expect(names).toMatch(/future/);
  });
});
