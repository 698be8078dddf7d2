// The body of an authenticated delivery: decoded exactly as signed, then checked against the
// contract's Job schema (and its JobCompletedEvent / JobFailedEvent variants). The validators are a
// dozen-line subset of zod's idea (validators that carry their output type), written by hand
// because even zod/mini would more than double the webhook bundle (~4.4 KB gzipped on its own).
// Checked: presence, types, enums and numeric ranges; string formats (id patterns, URLs) and
// lengths are left to the gateway. Extra properties are allowed and kept.
import { WebhookVerificationError } from './errors.js';
import type { JobCompletedEvent, JobFailedEvent } from './types.js';

declare const output: unique symbol;

/** Checks a value; returns what is wrong with it (a sentence naming the path), or undefined. */
export interface Validator<T> {
  (value: unknown, path: string): string | undefined;
  readonly [output]?: T;
}

interface OptionalValidator<T> extends Validator<T> {
  readonly optional: true;
}

type Shape = { readonly [key: string]: Validator<unknown> };
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never;
}[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The type a validator accepts. */
export type Infer<V> = V extends Validator<infer T> ? T : never;
type InferShape<S extends Shape> = Flatten<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a value of type ${typeof value}`;
}

function check<T>(ok: (value: unknown) => boolean, expected: string): Validator<T> {
  return (value, path) => (ok(value) ? undefined : `\`${path}\` must be ${expected}, got ${describe(value)}`);
}

const string = (): Validator<string> => check((v) => typeof v === 'string', 'a string');

const number = (min = Number.NEGATIVE_INFINITY): Validator<number> =>
  check(
    (v) => Number.isFinite(v) && (v as number) >= min,
    min === Number.NEGATIVE_INFINITY ? 'a finite number' : `a number >= ${min}`,
  );

const integer = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Validator<number> =>
  check(
    (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max,
    min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer from ${min} to ${max}`,
  );

const oneOf = <const T extends readonly string[]>(values: T): Validator<T[number]> =>
  check((v) => values.includes(v as string), `one of ${values.map((v) => `"${v}"`).join(', ')}`);

const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (value, path) =>
    value === null ? undefined : inner(value, path);

/** An object key that may be absent. */
const optional = <T>(inner: Validator<T>): OptionalValidator<T> =>
  Object.assign<Validator<T>, { optional: true }>(
    (value, path) => (value === undefined ? undefined : inner(value, path)),
    { optional: true },
  );

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Deliveries are nearly always valid, so the path of a field (`data.result.bytes`) is not built on
// the way down: a failed check is run again with its full path, only to word the message.

/** A JSON object whose values all pass `inner`, such as `metadata`. */
const recordOf =
  <T>(inner: Validator<T>): Validator<{ [key: string]: T }> =>
  (value, path) => {
    if (!isObject(value)) return `\`${path}\` must be an object, got ${describe(value)}`;
    for (const key in value) {
      if (Object.hasOwn(value, key) && inner(value[key], path) !== undefined) {
        return inner(value[key], `${path}.${key}`);
      }
    }
    return undefined;
  };

/** An object with these keys; unknown extra keys are allowed (and kept), so new fields never break. */
const object = <const S extends Shape>(shape: S): Validator<InferShape<S>> => {
  const keys = Object.keys(shape);
  const validators = keys.map((key) => shape[key] as Validator<unknown>);
  // A required key must be the object's own: a value found through the prototype (a key such as
  // `toString`) does not count, so only such keys and absent values need the hasOwn test.
  const required = validators.map((v) => (v as Partial<OptionalValidator<unknown>>).optional !== true);
  const inherited = keys.map((key) => key in Object.prototype);
  return (value, path) => {
    if (!isObject(value)) return `\`${path}\` must be an object, got ${describe(value)}`;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const item = value[key];
      if (required[i] && (item === undefined || inherited[i]) && !Object.hasOwn(value, key))
        return `\`${path}.${key}\` is missing`;
      const inner = validators[i] as Validator<unknown>;
      if (inner(item, path) !== undefined) return inner(item, `${path}.${key}`);
    }
    return undefined;
  };
};

const jobResult = object({ content_type: string(), bytes: integer(0), duration: optional(number(0)) });
const jobError = object({ code: string(), message: string() });

const jobShape = {
  id: string(),
  object: oneOf(['job']),
  type: oneOf(['video', 'music', '3d']),
  model: string(),
  status: oneOf(['queued', 'running', 'completed', 'failed']),
  progress: integer(0, 100),
  created_at: integer(),
  started_at: nullable(integer()),
  completed_at: nullable(integer()),
  result_url: nullable(string()),
  result: nullable(jobResult),
  error: nullable(jobError),
  webhook_url: nullable(string()),
  tag: nullable(string()),
  metadata: recordOf(string()),
  request_id: string(),
  cost_cents: number(0),
};

/** The contract's `Job`, `JobCompletedEvent` and `JobFailedEvent` (test/webhooks/types.test-d.ts keeps them equal). */
export const jobSchema = object(jobShape);
export const jobCompletedEventSchema = object({
  ...jobShape,
  status: oneOf(['completed']),
  result_url: string(),
  result: jobResult,
});
export const jobFailedEventSchema = object({ ...jobShape, status: oneOf(['failed']), error: jobError });

function invalid(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_payload',
    `The webhook is authentic but its payload is not a final job snapshot: ${problem}. ` +
      'Upgrade aigateway-js if the gateway added something new; otherwise report it with the delivery id.',
  );
}

let decoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;

interface WellFormed {
  isWellFormed?(): boolean;
}

/**
 * The text that was signed, as JSON.parse must see it. Bytes must be valid UTF-8 (strict decode:
 * no U+FFFD stands in for bytes that were signed). A string was signed as its UTF-8 encoding, in
 * which every lone surrogate became U+FFFD, so such a string is parsed as that encoding decodes;
 * a well-formed one (nearly always, and found in O(1) for Latin-1 strings) is parsed as is. Either
 * way a leading BOM is dropped, as the UTF-8 decoder does for bytes.
 */
function signedText(body: string | Uint8Array, wellFormed: boolean): string {
  decoder ??= new TextDecoder('utf-8', { fatal: true });
  if (typeof body !== 'string') return decoder.decode(body);
  if (!(wellFormed || ((body as WellFormed).isWellFormed?.() ?? !/[\uD800-\uDFFF]/u.test(body)))) {
    encoder ??= new TextEncoder();
    return decoder.decode(encoder.encode(body));
  }
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}

/**
 * Decodes and validates the (already authenticated) body: a job that completed or failed.
 * `wellFormed`: the body is a string already known to have no lone surrogate (e.g. all ASCII).
 */
export function parseEventPayload(
  body: string | Uint8Array,
  wellFormed = false,
): JobCompletedEvent | JobFailedEvent {
  let value: unknown;
  try {
    value = JSON.parse(signedText(body, wellFormed));
  } catch {
    throw invalid('the body is not valid UTF-8 JSON');
  }
  const status =
    typeof value === 'object' && value !== null ? (value as { status?: unknown }).status : undefined;
  const schema =
    status === 'completed' ? jobCompletedEventSchema : status === 'failed' ? jobFailedEventSchema : jobSchema;
  const problem = schema(value, 'data');
  if (problem !== undefined) throw invalid(problem);
  if (schema === jobSchema) {
    throw invalid(`\`data.status\` is "${status}", but webhooks are only sent for completed or failed jobs`);
  }
  return value as JobCompletedEvent | JobFailedEvent;
}
