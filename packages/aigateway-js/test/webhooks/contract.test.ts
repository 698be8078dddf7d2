import { describe, expect, it } from 'vitest';
import { rejection, renderings } from './expect-error.js';
import { completedJob, failedJob, NOW, NOW_SECONDS, OLD_SECRET, SECRET } from './fixtures.js';
import { receiveOverLoopback } from './loopback.js';
import { referenceSignature } from './reference-signer.js';
import { variants } from './variants.js';

const at = { now: NOW };

describe.each(variants)('webhook contract: $name', ({ verify, sign }) => {
  const signed = (
    payload: string | object = completedJob(),
    secret: string | string[] = SECRET,
    timestamp = NOW_SECONDS,
  ) => sign(payload, secret, { timestamp, deliveryId: 'dlv_0001', attempt: 2 });

  describe('valid deliveries', () => {
    it('returns the typed event of a completed job, keeping unknown fields', async () => {
      const { body, headers } = await signed();
      const event = await verify(body, headers, SECRET, at);
      expect(event).toEqual({
        id: 'dlv_0001',
        deliveryId: 'dlv_0001',
        dedupeKey: 'job.completed:job_abc123',
        attempt: 2,
        timestamp: NOW_SECONDS,
        type: 'job.completed',
        data: completedJob(),
      });
    });

    it('returns job.failed with the error for a failed job', async () => {
      const { body, headers } = await signed(failedJob());
      const event = await verify(body, headers, SECRET, at);
      expect(event.type).toBe('job.failed');
      expect(event.data).toEqual(failedJob());
    });

    it('accepts the raw body as string, Buffer, Uint8Array, ArrayBuffer and an offset view', async () => {
      const { body, headers } = await signed();
      const bytes = new TextEncoder().encode(body);
      const padded = new Uint8Array(bytes.length + 7);
      padded.set(bytes, 3);
      for (const raw of [
        body,
        Buffer.from(body),
        bytes,
        bytes.slice().buffer,
        padded.subarray(3, 3 + bytes.length),
      ]) {
        expect((await verify(raw, headers, SECRET, at)).data.id).toBe('job_abc123');
      }
    });

    it('verifies bodies with non-ASCII characters byte for byte', async () => {
      const { body, headers } = await signed({ ...completedJob(), metadata: { title: 'Été — 日本 🎬' } });
      expect((await verify(Buffer.from(body), headers, SECRET, at)).data.metadata).toEqual({
        title: 'Été — 日本 🎬',
      });
    });
  });

  describe('tampering', () => {
    it('rejects a body changed after signing', async () => {
      const { body, headers } = await signed();
      await rejection(verify(body.replace('42.5', '0.5'), headers, SECRET, at), 'no_matching_signature');
      await rejection(verify(`${body} `, headers, SECRET, at), 'no_matching_signature');
    });

    it('rejects a re-serialised body (the classic JSON.stringify(req.body) mistake)', async () => {
      const { body, headers } = await signed(JSON.stringify(completedJob(), null, 2));
      const error = await rejection(
        verify(JSON.stringify(JSON.parse(body)), headers, SECRET, at),
        'no_matching_signature',
      );
      expect(error.message).toContain('raw body');
    });

    it('rejects a changed signature and a signature from another secret', async () => {
      const { body, headers, signature } = await signed();
      const last = signature.at(-1) === '0' ? '1' : '0';
      const forged = { ...headers, 'x-aig-signature': signature.slice(0, -1) + last };
      await rejection(verify(body, forged, SECRET, at), 'no_matching_signature');
      const other = await signed(body, 'whsec_someone_else');
      await rejection(verify(body, other.headers, SECRET, at), 'no_matching_signature');
    });

    it('rejects a timestamp changed after signing (the signature covers t)', async () => {
      const { body, headers, signature } = await signed();
      const moved = signature.replace(`t=${NOW_SECONDS}`, `t=${NOW_SECONDS + 1}`);
      await rejection(
        verify(body, { ...headers, 'x-aig-signature': moved }, SECRET, at),
        'no_matching_signature',
      );
    });

    it('hints at whitespace around a secret without showing it', async () => {
      const { body, headers } = await signed();
      const error = await rejection(verify(body, headers, `${SECRET}\n`, at), 'no_matching_signature');
      expect(error.message).toContain('secret #1 has leading or trailing whitespace');
    });
  });

  describe('timestamp tolerance (default 300 s, both directions)', () => {
    it.each([
      [-300, true],
      [-301, false],
      [300, true],
      [301, false],
    ])('signed %i s from now: accepted = %s', async (offset, accepted) => {
      const { body, headers } = await signed(completedJob(), SECRET, NOW_SECONDS + offset);
      const result = verify(body, headers, SECRET, at);
      if (accepted) expect((await result).timestamp).toBe(NOW_SECONDS + offset);
      else expect((await rejection(result, 'timestamp_outside_tolerance')).message).toMatch(/ago|future/);
    });

    it('honours a custom tolerance and `now` as a Date or milliseconds', async () => {
      const { body, headers } = await signed(completedJob(), SECRET, NOW_SECONDS - 20);
      await rejection(
        verify(body, headers, SECRET, { tolerance: 10, now: NOW }),
        'timestamp_outside_tolerance',
      );
      const asDate = () => new Date(NOW_SECONDS * 1000);
      expect((await verify(body, headers, SECRET, { tolerance: 20, now: asDate })).timestamp).toBe(
        NOW_SECONDS - 20,
      );
    });

    it('uses the real clock by default', async () => {
      const { body, headers } = await sign(completedJob(), SECRET);
      expect((await verify(body, headers, SECRET)).type).toBe('job.completed');
      const old = await signed();
      await rejection(verify(old.body, old.headers, SECRET), 'timestamp_outside_tolerance');
    });

    it('tolerance 0 disables the timestamp check but never the signature check', async () => {
      for (const t of [0, NOW_SECONDS - 10 * 365 * 86_400, NOW_SECONDS + 86_400]) {
        const { body, headers } = await signed(completedJob(), SECRET, t);
        expect((await verify(body, headers, SECRET, { tolerance: 0, now: NOW })).timestamp).toBe(t);
        await rejection(
          verify(`${body} `, headers, SECRET, { tolerance: 0, now: NOW }),
          'no_matching_signature',
        );
      }
    });

    it('refuses invalid options with a TypeError that says what to pass', async () => {
      const { body, headers } = await signed();
      for (const options of [
        { tolerance: -1 },
        { tolerance: Number.NaN },
        { tolerance: '300' as unknown as number },
      ]) {
        await expect(verify(body, headers, SECRET, options)).rejects.toThrow(
          /tolerance must be a number of seconds/,
        );
      }
      await expect(verify(body, headers, SECRET, { now: 5 as unknown as () => number })).rejects.toThrow(
        TypeError,
      );
      await expect(verify(body, headers, SECRET, { now: () => new Date('nope') })).rejects.toThrow(
        /valid Date/,
      );
    });
  });

  describe('secret rotation', () => {
    it('accepts a signature from any of several secrets', async () => {
      const fromOld = await signed(completedJob(), OLD_SECRET);
      const fromNew = await signed(completedJob(), SECRET);
      for (const { body, headers } of [fromOld, fromNew]) {
        expect((await verify(body, headers, [SECRET, OLD_SECRET], at)).type).toBe('job.completed');
      }
    });

    it('accepts a header with two v1 entries (the gateway signing with old and new) with either secret', async () => {
      const { body, headers, signature } = await signed(completedJob(), [OLD_SECRET, SECRET]);
      expect(signature.match(/v1=/g)).toHaveLength(2);
      expect((await verify(body, headers, SECRET, at)).type).toBe('job.completed');
      expect((await verify(body, headers, OLD_SECRET, at)).type).toBe('job.completed');
      await rejection(verify(body, headers, 'whsec_unrelated', at), 'no_matching_signature');
    });

    it('ignores unknown schemes next to v1', async () => {
      const { body, headers, signature } = await signed();
      const withV0 = `${signature},v0=${'f'.repeat(64)},v2=future`;
      expect((await verify(body, { ...headers, 'x-aig-signature': withV0 }, SECRET, at)).type).toBe(
        'job.completed',
      );
    });
  });

  describe('header spellings', () => {
    const spellings: [string, (h: Record<string, string>) => Record<string, string | string[]> | Headers][] =
      [
        ['Headers', (h) => new Headers(h)],
        ['lower-case object', (h) => h],
        [
          'UPPER-CASE object',
          (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v])),
        ],
        [
          'Mixed-Case object',
          (h) =>
            Object.fromEntries(
              Object.entries(h).map(([k, v]) => [k.replace(/(^|-)(\w)/g, (m) => m.toUpperCase()), v]),
            ),
        ],
        ['string[] values', (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]]))],
      ];
    it.each(spellings)('accepts %s', async (_, spell) => {
      const { body, headers } = await signed();
      expect((await verify(body, spell(headers), SECRET, at)).deliveryId).toBe('dlv_0001');
    });

    it("accepts Node's IncomingHttpHeaders and raw Buffer from a real loopback request", async () => {
      const { body, headers } = await signed();
      const mixedCase = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
      const received = await receiveOverLoopback(body, mixedCase);
      const event = await verify(received.body, received.headers, SECRET, at);
      expect(event).toMatchObject({ deliveryId: 'dlv_0001', attempt: 2, type: 'job.completed' });
    });
  });

  describe('missing and malformed headers', () => {
    it.each(['x-aig-signature', 'x-aig-delivery-id', 'x-aig-attempt', 'x-aig-event-type'])(
      'refuses a delivery without %s',
      async (name) => {
        const { body, headers } = await signed();
        const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
        const error = await rejection(verify(body, without, SECRET, at), 'missing_header');
        expect(error.header).toBe(name);
        expect(error.message).toContain(name);
      },
    );

    it('refuses missing header containers', async () => {
      const { body } = await signed();
      await rejection(verify(body, null as unknown as Headers, SECRET, at), 'missing_header');
      await rejection(verify(body, undefined as unknown as Headers, SECRET, at), 'missing_header');
    });

    it.each([
      ['empty', ''],
      ['no timestamp', `v1=${'a'.repeat(64)}`],
      ['no v1', `t=${NOW_SECONDS}`],
      ['two timestamps', `t=${NOW_SECONDS},t=${NOW_SECONDS},v1=${'a'.repeat(64)}`],
      ['a non-numeric timestamp', `t=soon,v1=${'a'.repeat(64)}`],
      ['a fractional timestamp', `t=${NOW_SECONDS}.5,v1=${'a'.repeat(64)}`],
      ['a short v1', `t=${NOW_SECONDS},v1=abc`],
      ['upper-case hex', `t=${NOW_SECONDS},v1=${'A'.repeat(64)}`],
      ['a pair without =', `t=${NOW_SECONDS},v1`],
      ['a trailing comma', `t=${NOW_SECONDS},v1=${'a'.repeat(64)},`],
      ['a Stripe-style header name mix-up', `sha256=${'a'.repeat(64)}`],
    ])('refuses an x-aig-signature with %s', async (_, value) => {
      const { body, headers } = await signed();
      const error = await rejection(
        verify(body, { ...headers, 'x-aig-signature': value }, SECRET, at),
        value === '' ? 'missing_header' : 'malformed_header',
      );
      expect(error.header).toBe('x-aig-signature');
    });

    it.each([
      ['x-aig-attempt', '0'],
      ['x-aig-attempt', 'two'],
      ['x-aig-delivery-id', 'a, b'],
      ['x-aig-event-type', 'job.failed'],
      ['x-aig-event-type', 'job.progress'],
    ])('refuses %s: %s', async (name, value) => {
      const { body, headers } = await signed();
      const error = await rejection(
        verify(body, { ...headers, [name]: value }, SECRET, at),
        'malformed_header',
      );
      expect(error.header).toBe(name);
    });
  });

  describe('bodies that are not the raw body', () => {
    it.each([
      ['a parsed object', completedJob()],
      ['undefined (no body parser ran)', undefined],
      ['null', null],
      ['a number', 42],
      ['an array', [1, 2]],
    ])('refuses %s and explains how to get the raw body per framework', async (_, value) => {
      const { headers } = await signed();
      const error = await rejection(verify(value as unknown as string, headers, SECRET, at), 'invalid_body');
      for (const hint of [
        "express.raw({ type: 'application/json' })",
        'await request.text()',
        'await c.req.text()',
        'addContentTypeParser',
        "parseAs: 'buffer'",
      ]) {
        expect(error.message).toContain(hint);
      }
    });
  });

  describe('payload validation (after authentication)', () => {
    const { id: _id, ...withoutId } = completedJob();
    it.each([
      ['not JSON', '{"id": "job_1", ', /not valid UTF-8 JSON/],
      ['a JSON array', '[]', /`data` must be an object/],
      ['a job without id', withoutId, /`data.id` is missing/],
      ['an unknown job type', { ...completedJob(), type: 'hologram' }, /`data.type` must be one of/],
      [
        'progress above 100',
        { ...completedJob(), progress: 101 },
        /`data.progress` must be an integer from 0 to 100/,
      ],
      [
        'a string timestamp',
        { ...completedJob(), created_at: '2025-01-01' },
        /`data.created_at` must be an integer/,
      ],
      [
        'a result without bytes',
        { ...completedJob(), result: { content_type: 'video/mp4' } },
        /`data.result.bytes` is missing/,
      ],
      ['a non-final status', { ...completedJob(), status: 'running' }, /only sent for completed or failed/],
      [
        'metadata that is not an object',
        { ...completedJob(), metadata: [] },
        /`data.metadata` must be an object/,
      ],
      [
        'a metadata value that is not a string',
        { ...completedJob(), metadata: { n: 1 } },
        /`data.metadata.n` must be a string/,
      ],
      ['a negative cost', { ...completedJob(), cost_cents: -1 }, /`data.cost_cents` must be a number >= 0/],
      [
        'a completed job without result',
        { ...completedJob(), result: null },
        /`data.result` must be an object/,
      ],
      [
        'a completed job without result_url',
        { ...completedJob(), result_url: null },
        /`data.result_url` must be a string/,
      ],
      ['a failed job without error', { ...failedJob(), error: null }, /`data.error` must be an object/],
      ['an unknown status', { ...completedJob(), status: 'done' }, /`data.status` must be one of "queued"/],
    ])('refuses %s', async (_, payload, message) => {
      const { body, headers } = await sign(payload, SECRET, {
        timestamp: NOW_SECONDS,
        type: 'job.completed',
      });
      const error = await rejection(verify(body, headers, SECRET, at), 'invalid_payload');
      expect(error.message).toMatch(message);
    });

    it('refuses an authentic body that is not UTF-8', async () => {
      const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const { headers } = await signed();
      const signature = `t=${NOW_SECONDS},v1=${referenceSignature(SECRET, NOW_SECONDS, bytes)}`;
      const error = await rejection(
        verify(bytes, { ...headers, 'x-aig-signature': signature }, SECRET, at),
        'invalid_payload',
      );
      expect(error.message).toMatch(/not valid UTF-8 JSON/);
    });
  });

  describe('secrets', () => {
    it.each([
      ['an empty string', ''],
      ['undefined (unset env var)', undefined],
      ['an empty list', []],
      ['a list with an unset entry', [SECRET, undefined]],
    ])('refuses %s as the secret', async (_, secret) => {
      const { body, headers } = await signed();
      await rejection(verify(body, headers, secret as unknown as string, at), 'missing_secret');
    });

    it('never shows the secret or the expected signature in any error', async () => {
      const { body, headers } = await signed();
      const tamperedBody = body.replace('42.5', '0.5');
      const expected = (await signed(tamperedBody)).signature.split('v1=')[1]!;
      const failures = [
        () => verify(tamperedBody, headers, SECRET, at),
        () => verify(body, headers, [OLD_SECRET, `${SECRET} `], at),
        () => verify(body, headers, SECRET, { now: () => 0 }),
        () => verify(body, { ...headers, 'x-aig-signature': SECRET }, SECRET, at),
        () => verify(JSON.parse(body), headers, SECRET, at),
      ];
      for (const failure of failures) {
        const error = await failure().then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error).toBeInstanceOf(Error);
        for (const text of renderings(error!)) {
          expect(text).not.toContain(SECRET.slice(6, 24));
          expect(text).not.toContain(OLD_SECRET.slice(6, 24));
          expect(text).not.toContain(expected);
        }
      }
    });
  });
});
