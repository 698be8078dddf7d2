// A dozen-line subset of zod's idea (validators that carry their output type), written by hand
// because even zod/mini would more than double the webhook bundle (~4.4 KB gzipped on its own).

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

export const string = (): Validator<string> => check((v) => typeof v === 'string', 'a string');

export const number = (min = Number.NEGATIVE_INFINITY): Validator<number> =>
  check(
    (v) => Number.isFinite(v) && (v as number) >= min,
    min === Number.NEGATIVE_INFINITY ? 'a finite number' : `a number >= ${min}`,
  );

export const integer = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Validator<number> =>
  check(
    (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max,
    min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer from ${min} to ${max}`,
  );

export const oneOf = <const T extends readonly string[]>(values: T): Validator<T[number]> =>
  check((v) => values.includes(v as string), `one of ${values.map((v) => `"${v}"`).join(', ')}`);

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (value, path) =>
    value === null ? undefined : inner(value, path);

/** An object key that may be absent. */
export const optional = <T>(inner: Validator<T>): OptionalValidator<T> =>
  Object.assign<Validator<T>, { optional: true }>(
    (value, path) => (value === undefined ? undefined : inner(value, path)),
    { optional: true },
  );

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Deliveries are nearly always valid, so the path of a field (`data.result.bytes`) is not built on
// the way down: a failed check is run again with its full path, only to word the message.

/** A JSON object whose values all pass `inner`, such as `metadata`. */
export const recordOf =
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
export const object = <const S extends Shape>(shape: S): Validator<InferShape<S>> => {
  const fields = Object.entries(shape).map(
    ([key, inner]) => [key, inner, (inner as Partial<OptionalValidator<unknown>>).optional === true] as const,
  );
  return (value, path) => {
    if (!isObject(value)) return `\`${path}\` must be an object, got ${describe(value)}`;
    for (const [key, inner, optional] of fields) {
      if (!optional && !Object.hasOwn(value, key)) return `\`${path}.${key}\` is missing`;
      if (inner(value[key], path) !== undefined) return inner(value[key], `${path}.${key}`);
    }
    return undefined;
  };
};
