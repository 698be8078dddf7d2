import fc from 'fast-check';
import type { JobCompletedEvent, JobFailedEvent } from '../../src/webhooks/index.js';
import { NOW_SECONDS } from './fixtures.js';

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const seconds = fc.integer({ min: 0, max: 4_000_000_000 });
// Small values keep 10,000 cases within a few seconds; the signature covers length-independent code.
const text = fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 12 }));
const json = fc.jsonValue({ maxDepth: 2, depthSize: 'xsmall' });
const dictionary = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>) =>
  fc.dictionary(key, value, { maxKeys: 4 });

const jobResult = fc.record(
  {
    content_type: text,
    bytes: fc.nat(),
    duration: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
  },
  { requiredKeys: ['content_type', 'bytes'] },
);
const jobError = fc.record({ code: text, message: fc.string({ unit: 'grapheme', maxLength: 24 }) });

/** Any valid final job snapshot (completed or failed), with arbitrary strings, metadata and extra fields. */
export const finalJob: fc.Arbitrary<JobCompletedEvent | JobFailedEvent> = fc
  .tuple(
    dictionary(
      text.map((k) => `x_${k}`),
      json,
    ),
    fc.record({
      id: text,
      object: fc.constant('job' as const),
      type: fc.constantFrom('video' as const, 'music' as const, '3d' as const),
      model: text,
      progress: fc.integer({ min: 0, max: 100 }),
      created_at: seconds,
      started_at: nullable(seconds),
      completed_at: nullable(seconds),
      webhook_url: nullable(text),
      tag: nullable(text),
      metadata: dictionary(text, text),
      request_id: text,
      cost_cents: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
    }),
    fc.oneof(
      fc.record({
        status: fc.constant('completed' as const),
        result_url: text,
        result: jobResult,
        error: nullable(jobError),
      }),
      fc.record({
        status: fc.constant('failed' as const),
        result_url: nullable(text),
        result: nullable(jobResult),
        error: jobError,
      }),
    ),
  )
  .map(([extra, job, final]) => ({ ...extra, ...job, ...final }));

/** A job serialised the way any JSON encoder might (compact, indented, tab-indented), and its event type. */
export const jobBody = fc.tuple(finalJob, fc.constantFrom(undefined, 2, '\t')).map(([job, indent]) => ({
  body: JSON.stringify(job, null, indent),
  type: job.status === 'completed' ? ('job.completed' as const) : ('job.failed' as const),
}));

/** Secrets of any length and alphabet (the key is the secret's UTF-8 bytes). */
export const secret = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
  fc.stringMatching(/^whsec_[A-Za-z0-9+/]{24,48}$/),
);

/** A signing time within the default tolerance of NOW_SECONDS. */
export const freshTimestamp = fc.integer({ min: NOW_SECONDS - 300, max: NOW_SECONDS + 300 });

/** Replaces the byte at `index % length` with a different value. */
export function changeOneByte(bytes: Uint8Array, index: number, delta: number): Uint8Array {
  const copy = bytes.slice();
  const at = index % copy.length;
  copy[at] = (copy[at]! + 1 + (delta % 255)) % 256;
  return copy;
}

/** The same, for a header string (one byte = one char code; HTTP header values are bytes). */
export function changeOneChar(text: string, from: number, to: number, index: number, delta: number): string {
  const at = from + (index % (to - from));
  const code = (text.charCodeAt(at) + 1 + (delta % 255)) % 256;
  return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
}
