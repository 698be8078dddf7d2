// The few combinators the SDK's input checks need (shapes, strings, numbers, arrays, enums),
// written by hand like the webhooks' validators: zod/mini cost every import of the SDK ~75 ms of
// CPU (about ninety modules) and ~26 KB of minified bundle for checks this shallow.
import type { InputIssue } from './errors.js';

/** Appends what is wrong with `value` (at `path`, dot-separated; '' is the argument itself) to `issues`. */
export type Check = (value: unknown, path: string, issues: InputIssue[]) => void;

/** A check that first requires a JSON type, so a union can say which types it takes. */
interface TypedCheck extends Check {
  readonly expected: string;
  readonly accepts: (value: unknown) => boolean;
}

type Constraint<T> = (value: T, path: string, issues: InputIssue[]) => void;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return typeof value;
}

function mismatch(path: string, expected: string, value: unknown): InputIssue {
  if (path === '' && expected === 'an object') {
    return { path, message: `expected an object of parameters, got ${typeName(value)}` };
  }
  if (value === undefined && path !== '') return { path, message: 'is required' };
  return { path, message: `must be ${expected}, got ${typeName(value)}` };
}

function typed<T>(
  expected: string,
  accepts: (value: unknown) => value is T,
  constraint?: Constraint<T>,
): TypedCheck {
  const check: Check = (value, path, issues) => {
    if (!accepts(value)) issues.push(mismatch(path, expected, value));
    else constraint?.(value, path, issues);
  };
  return Object.assign(check, { expected, accepts });
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

/** A string; `nonEmpty` rejects `''`, `pattern` a non-matching one with `message`. */
export function string(options: { nonEmpty?: boolean; pattern?: RegExp; message?: string } = {}): TypedCheck {
  const { nonEmpty = false, pattern, message = 'is not in the expected format' } = options;
  return typed('a string', isString, (value, path, issues) => {
    if (nonEmpty && value.length === 0) issues.push({ path, message: 'must not be empty' });
    else if (pattern && !pattern.test(value)) issues.push({ path, message });
  });
}

/** A finite number (an integer with `integer`) within the given bounds (`above` is exclusive). */
export function number(
  options: { integer?: boolean; min?: number; above?: number; max?: number } = {},
): TypedCheck {
  const { integer = false, min, above, max } = options;
  return typed(integer ? 'an integer' : 'a number', isNumber, (value, path, issues) => {
    if (integer && !Number.isSafeInteger(value)) issues.push(mismatch(path, 'an integer', value));
    else if (min !== undefined && value < min) issues.push({ path, message: `must be ≥ ${min}` });
    else if (above !== undefined && value <= above) issues.push({ path, message: `must be > ${above}` });
    else if (max !== undefined && value > max) issues.push({ path, message: `must be ≤ ${max}` });
  });
}

/** An array of `min`–`max` items; only with `items` is each item checked (large arrays stay unwalked). */
export function array(options: { min?: number; max?: number; items?: Check } = {}): TypedCheck {
  const { min = 0, max = Number.POSITIVE_INFINITY, items } = options;
  return typed('an array', isArray, (value, path, issues) => {
    if (value.length < min)
      issues.push({ path, message: `must have at least ${min} item${min === 1 ? '' : 's'}` });
    else if (value.length > max) issues.push({ path, message: `must have at most ${max} items` });
    else if (items) for (const [index, item] of value.entries()) items(item, join(path, index), issues);
  });
}

/** One of `values`. */
export function oneOf(values: readonly string[]): TypedCheck {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  const accepts = (v: unknown): v is string => values.includes(v as string);
  const check: Check = (value, path, issues) => {
    if (accepts(value)) return;
    if (value === undefined && path !== '') issues.push(mismatch(path, expected, value));
    else issues.push({ path, message: `must be ${expected}` });
  };
  return Object.assign(check, { expected, accepts });
}

/** Any value but `undefined` and `null`, named `expected` in the message (e.g. "a file"). */
export function present(expected: string): TypedCheck {
  return typed(expected, (v): v is unknown => v !== undefined && v !== null);
}

/** A value of any one of these types, checked by the alternative whose type it has. */
export function either(...alternatives: TypedCheck[]): TypedCheck {
  const expected = alternatives.map((a) => a.expected).join(' or ');
  const accepts = (v: unknown): v is unknown => alternatives.some((a) => a.accepts(v));
  return typed(expected, accepts, (value, path, issues) =>
    alternatives.find((a) => a.accepts(value))?.(value, path, issues),
  );
}

/** `null`, or a value `inner` accepts. */
export function nullable(inner: TypedCheck): TypedCheck {
  return either(
    inner,
    typed('null', (v): v is null => v === null),
  );
}

/** A shape key that may be absent (`undefined`). */
export function optional(inner: Check): Check {
  return (value, path, issues) => {
    if (value !== undefined) inner(value, path, issues);
  };
}

/** A JSON object whose values all pass `values` (e.g. `metadata`). */
export function record(values: Check): TypedCheck {
  return typed('an object', isObject, (value, path, issues) => {
    for (const [key, item] of Object.entries(value)) values(item, join(path, key), issues);
  });
}

/**
 * An object with these keys (unknown keys are allowed and sent as they are); `refine` adds a
 * whole-object rule with its message.
 */
export function object(
  shape: Readonly<Record<string, Check>>,
  refine?: [rule: (value: Record<string, unknown>) => boolean, message: string],
): TypedCheck {
  return typed('an object', isObject, (value, path, issues) => {
    for (const [key, check] of Object.entries(shape)) check(value[key], join(path, key), issues);
    if (refine && !refine[0](value)) issues.push({ path, message: refine[1] });
  });
}
