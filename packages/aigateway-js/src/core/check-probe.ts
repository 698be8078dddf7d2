// The accept-only walk of a compiled schema, as closures: every call checks its input, nearly every
// input is valid, so that path runs only the tests the schema states, built once per schema
// node. Reading each keyword off the schema objects on every call (each its own hidden class)
// cost ~2.4 µs per chat request in a tight loop and more with the cache cold; this is ~4× less.
// It must accept exactly what the collecting walk (`Compiled` in checks.ts) finds no issue in:
// checks.test.ts holds the two against each other over random inputs.
import type { Schema } from './checks.js';

/** Whether a value passes a schema node, stopping at the first failure. */
export type Probe = (value: unknown) => boolean;

/** What the probe needs of its compiler. */
export interface ProbeContext {
  /** The probe of a sub-schema (`items`, a property, a branch, a `$ref`'s target), built on its first call. */
  sub(schema: Schema | boolean): Probe;
  /** The target of `$ref` (throws for a name the contract lacks). */
  resolve(ref: string): Schema;
  /** A tagged union's tag property and branches by tag (`null`: the union is not tagged). */
  tags(branches: readonly (Schema | boolean)[]): UnionTags | null;
}

export interface UnionTags {
  key: string;
  branches: Map<string, Schema | boolean>;
}

const ACCEPT: Probe = () => true;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON Schema counts characters as code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function isURL(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * One schema node's probe (`all`), and the parts of it the collecting walk reports on as one
 * issue each (`scalar`: type, const, enum, string and number keywords; the unions).
 */
export interface ProbeParts {
  all: Probe;
  scalar: Probe;
  anyOf: Probe;
  oneOf: Probe;
}

/** The probes of one schema node; keywords in the order the collecting walk reads them. */
export function buildProbe(s: Schema, ctx: ProbeContext): ProbeParts {
  const tests: Probe[] = [];
  if (s.$ref !== undefined) tests.push(ctx.sub(ctx.resolve(s.$ref)));
  if (s.format === 'binary') {
    // A file part: any value but null/undefined; the other keywords do not apply.
    tests.push((v) => v !== undefined && v !== null);
    return { all: all(tests), scalar: ACCEPT, anyOf: ACCEPT, oneOf: ACCEPT };
  }
  const scalar = scalarProbe(s);
  tests.push(scalar);
  const array = arrayProbe(s, ctx);
  if (array) tests.push((v) => !Array.isArray(v) || array(v));
  const object = objectProbe(s, ctx);
  if (object) tests.push((v) => !isObject(v) || object(v));
  if (s.allOf) for (const branch of s.allOf) tests.push(ctx.sub(branch));
  const anyOf = s.anyOf ? unionProbe(s.anyOf, ctx, false) : ACCEPT;
  const oneOf = s.oneOf ? unionProbe(s.oneOf, ctx, true) : ACCEPT;
  tests.push(anyOf, oneOf);
  if (s.not) {
    const not = ctx.sub(s.not);
    tests.push((v) => !not(v));
  }
  return { all: all(tests.filter((test) => test !== ACCEPT)), scalar, anyOf, oneOf };
}

function all(tests: readonly Probe[]): Probe {
  if (tests.length === 0) return ACCEPT;
  if (tests.length === 1) return tests[0] as Probe;
  return (v) => {
    for (const test of tests) if (!test(v)) return false;
    return true;
  };
}

/**
 * `anyOf` (some branch) or `oneOf` (exactly one). An object given to a tagged union (chat messages
 * by `role`) can pass only the branch its tag names, so only that one is tried.
 */
function unionProbe(branches: readonly (Schema | boolean)[], ctx: ProbeContext, exactlyOne: boolean): Probe {
  const probes = branches.map((branch) => ctx.sub(branch));
  // Worked out on the first object, as the collecting walk does (a bad `$ref` throws there).
  let tagged: { key: string; probes: Map<string, Probe> } | null | undefined;
  return (v) => {
    if (isObject(v)) {
      if (tagged === undefined) {
        const tags = ctx.tags(branches);
        tagged = tags && {
          key: tags.key,
          probes: new Map([...tags.branches].map(([tag, branch]) => [tag, ctx.sub(branch)])),
        };
      }
      if (tagged !== null) {
        const tag = v[tagged.key];
        const probe = typeof tag === 'string' ? tagged.probes.get(tag) : undefined;
        return probe?.(v) === true;
      }
    }
    let count = 0;
    for (const probe of probes) {
      if (!probe(v)) continue;
      if (!exactlyOne || ++count > 1) return !exactlyOne;
    }
    return count === 1;
  };
}

const TYPES: { readonly [type: string]: Probe } = {
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  array: (v) => Array.isArray(v),
  object: isObject,
  integer: (v) => Number.isInteger(v),
  number: (v) => Number.isFinite(v),
};

/** Type (finite numbers only), const, enum, and the string and number keywords. */
function scalarProbe(s: Schema): Probe {
  const tests: Probe[] = [];
  if (s.type !== undefined) {
    const types = (typeof s.type === 'string' ? [s.type] : s.type).map(
      (t) => TYPES[t] ?? ((v: unknown) => typeof v === t && typeof v !== 'object'),
    );
    tests.push(
      types.length === 1
        ? (types[0] as Probe)
        : (v) => {
            for (const type of types) if (type(v)) return true;
            return false;
          },
    );
  }
  if (s.const !== undefined) {
    const value = s.const;
    tests.push((v) => v === value);
  }
  if (s.enum) {
    const values = s.enum;
    tests.push((v) => values.includes(v));
  }
  const { minLength, maxLength, pattern } = s;
  const uri = s.format === 'uri';
  if (minLength !== undefined || maxLength !== undefined || pattern !== undefined || uri) {
    const regex = pattern === undefined ? undefined : new RegExp(pattern, 'u');
    tests.push((v) => {
      if (typeof v !== 'string') return true;
      // A code point is one or two UTF-16 units: counting them is needed only between the bounds.
      if (minLength !== undefined && v.length < 2 * minLength && codePoints(v) < minLength) return false;
      if (maxLength !== undefined && v.length > maxLength && codePoints(v) > maxLength) return false;
      if (regex !== undefined && !regex.test(v)) return false;
      return !uri || isURL(v);
    });
  }
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = s;
  if (
    minimum !== undefined ||
    maximum !== undefined ||
    exclusiveMinimum !== undefined ||
    exclusiveMaximum !== undefined ||
    multipleOf !== undefined
  ) {
    tests.push(
      (v) =>
        typeof v !== 'number' ||
        !(
          (minimum !== undefined && v < minimum) ||
          (maximum !== undefined && v > maximum) ||
          (exclusiveMinimum !== undefined && v <= exclusiveMinimum) ||
          (exclusiveMaximum !== undefined && v >= exclusiveMaximum) ||
          (multipleOf !== undefined && !Number.isInteger(v / multipleOf))
        ),
    );
  }
  return all(tests);
}

function arrayProbe(s: Schema, ctx: ProbeContext): ((v: unknown[]) => boolean) | undefined {
  const { minItems, maxItems, uniqueItems, items } = s;
  const itemSchema = items !== undefined && items !== true ? items : undefined;
  if (minItems === undefined && maxItems === undefined && !uniqueItems && itemSchema === undefined) return;
  const probe = itemSchema === undefined ? undefined : ctx.sub(itemSchema);
  return (v) => {
    if ((minItems !== undefined && v.length < minItems) || (maxItems !== undefined && v.length > maxItems))
      return false;
    if (uniqueItems && new Set(v.map((item) => JSON.stringify(item))).size !== v.length) return false;
    if (probe !== undefined) {
      for (let i = 0; i < v.length; i++) if (!probe(v[i])) return false;
    }
    return true;
  };
}

function objectProbe(s: Schema, ctx: ProbeContext): ((v: Record<string, unknown>) => boolean) | undefined {
  const { required, minProperties, maxProperties, propertyNames, properties, additionalProperties } = s;
  const counted = minProperties !== undefined || maxProperties !== undefined;
  const extra = additionalProperties !== undefined && additionalProperties !== true;
  if (!required && !counted && !propertyNames && !properties && !extra) return;
  const names = propertyNames && ctx.sub(propertyNames);
  const extraProbe = extra ? ctx.sub(additionalProperties) : undefined;
  // The schema's own property names; any other key is looked up as the collecting walk does
  // (`properties[key]`, inherited names included), so both take the same keys.
  const own = new Map<string, Probe | boolean>();
  if (properties) {
    for (const key of Object.keys(properties)) {
      const known = properties[key] as Schema | boolean;
      own.set(key, typeof known === 'boolean' ? known : ctx.sub(known));
    }
  }
  return (v) => {
    if (required) for (const key of required) if (v[key] === undefined) return false;
    // An `undefined` property is not sent (JSON.stringify drops it), so it counts as absent.
    const keys = Object.keys(v);
    if (counted) {
      let count = 0;
      for (const key of keys) if (v[key] !== undefined) count++;
      if (
        (minProperties !== undefined && count < minProperties) ||
        (maxProperties !== undefined && count > maxProperties)
      )
        return false;
    }
    if (names) {
      for (const key of keys) if (v[key] !== undefined && !names(key)) return false;
    }
    if (!properties && !extra) return true;
    for (const key of keys) {
      const item = v[key];
      if (item === undefined) continue;
      const mine = own.get(key);
      if (mine !== undefined) {
        if (mine === false || (mine !== true && !mine(item))) return false;
        continue;
      }
      const known = properties?.[key];
      if (known !== undefined) {
        if (known === false || (known !== true && !ctx.sub(known)(item))) return false;
      } else if (extraProbe !== undefined && !extraProbe(item)) return false;
    }
    return true;
  };
}
