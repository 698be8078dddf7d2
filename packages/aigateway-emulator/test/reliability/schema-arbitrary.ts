// fast-check arbitraries derived from the contract's JSON Schemas (OpenAPI 3.1). They aim at values
// the schema accepts; whether a value really is valid is decided separately, by ajv (see
// contract-oracle.ts), so an approximation here (a lookahead dropped, a size capped) is harmless.
import fc from 'fast-check';

export type Schema = { [keyword: string]: unknown };

/** Upper bounds that keep generated bodies small (the schema's own bounds apply when lower). */
const CAP = { string: 24, items: 3, keys: 3, depth: 7 } as const;

export interface ArbitraryContext {
  /** Resolves a `$ref` such as `#/components/schemas/ChatMessage`. */
  resolve(ref: string): Schema;
  /** Values to draw a property named `name` from instead of its schema (e.g. `model` from the catalog). */
  hints?: Partial<Record<string, fc.Arbitrary<unknown>>>;
}

/** Removes `(?!…)` and `(?=…)` groups, which fast-check's `stringMatching` cannot generate. */
export function withoutLookarounds(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('(?!', i) || pattern.startsWith('(?=', i)) {
      let depth = 0;
      for (; i < pattern.length; i++) {
        if (pattern[i] === '\\') i++;
        else if (pattern[i] === '(') depth++;
        else if (pattern[i] === ')' && --depth === 0) break;
      }
      continue;
    }
    out += pattern[i];
  }
  return out;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = num(schema.minLength) ?? 0;
  const max = Math.max(min, Math.min(num(schema.maxLength) ?? CAP.string, min + CAP.string));
  const examples = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
  const fromExamples = examples.filter((e): e is string => typeof e === 'string');
  let arbitrary: fc.Arbitrary<string>;
  if (schema.format === 'uri') arbitrary = fc.webUrl({ validSchemes: ['http', 'https'] });
  else if (typeof schema.pattern === 'string')
    arbitrary = fc.stringMatching(new RegExp(withoutLookarounds(schema.pattern)));
  else arbitrary = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  return fromExamples.length > 0 ? fc.oneof(fc.constantFrom(...fromExamples), arbitrary) : arbitrary;
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema.minimum) ?? -1_000;
  const max = num(schema.maximum) ?? Math.max(min + 1_000, 1_000);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function arrayArbitrary(schema: Schema, ctx: ArbitraryContext, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = num(schema.minItems) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(schema.maxItems) ?? CAP.items, minLength + CAP.items));
  const items = schema.items ? schemaArbitrary(schema.items as Schema, ctx, depth + 1) : fc.jsonValue();
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength });
}

function objectArbitrary(schema: Schema, ctx: ArbitraryContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema | boolean>;
  const required = new Set((schema.required ?? []) as string[]);
  if (Object.keys(properties).length === 0) {
    const extra = schema.additionalProperties;
    if (extra && typeof extra === 'object') {
      const keyMax = num((schema.propertyNames as Schema | undefined)?.maxLength) ?? CAP.string;
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: Math.min(keyMax, CAP.string) }),
        schemaArbitrary(extra as Schema, ctx, depth + 1),
        { maxKeys: Math.min(num(schema.maxProperties) ?? CAP.keys, CAP.keys) },
      );
    }
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: CAP.keys });
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property !== false) record[name] = ctx.hints?.[name] ?? schemaArbitrary(property, ctx, depth + 1);
  }
  return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
}

/** An arbitrary for values of `schema` (best effort; see the file comment). */
export function schemaArbitrary(
  schema: Schema | boolean,
  ctx: ArbitraryContext,
  depth = 0,
): fc.Arbitrary<unknown> {
  // Boolean schemas: `true` accepts anything; `false` nothing (callers leave such properties out).
  if (typeof schema === 'boolean') return fc.jsonValue({ maxDepth: 1 });
  if (typeof schema.$ref === 'string') return schemaArbitrary(ctx.resolve(schema.$ref), ctx, depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key] as Schema[] | undefined;
    if (branches) {
      // Past the depth cap, only the first branch (usually the simplest) is taken.
      const pick = depth >= CAP.depth ? branches.slice(0, 1) : branches;
      return fc.oneof(
        ...pick.map((b) => schemaArbitrary(mergeBranch(withoutKey(schema, key), b), ctx, depth)),
      );
    }
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = withoutKey(schema, 'allOf');
    const properties: Record<string, unknown> = { ...(schema.properties as object) };
    const required: string[] = [...((schema.required as string[] | undefined) ?? [])];
    for (const part of schema.allOf as Schema[]) {
      const resolved = typeof part.$ref === 'string' ? ctx.resolve(part.$ref) : part;
      Object.assign(merged, resolved);
      Object.assign(properties, resolved.properties);
      required.push(...((resolved.required as string[] | undefined) ?? []));
    }
    return schemaArbitrary({ ...merged, properties, required }, ctx, depth);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => schemaArbitrary({ ...schema, type }, ctx, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, ctx, depth);
    case 'object':
      return objectArbitrary(schema, ctx, depth);
    default:
      return schema.properties ? objectArbitrary(schema, ctx, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * A branch of a `oneOf`/`anyOf` applied to the schema around it: its properties refine the outer
 * ones (`true` keeps the outer schema, `false` forbids the property), its `required` adds to them.
 */
function mergeBranch(outer: Schema, branch: Schema): Schema {
  if (typeof branch.$ref === 'string' || !branch.properties) return { ...outer, ...branch };
  const properties: Record<string, unknown> = { ...(outer.properties as object) };
  const required = new Set([
    ...((outer.required as string[]) ?? []),
    ...((branch.required as string[]) ?? []),
  ]);
  for (const [name, value] of Object.entries(branch.properties as Record<string, unknown>)) {
    if (value === false) {
      delete properties[name];
      required.delete(name);
    } else if (value !== true) properties[name] = value;
  }
  return { ...outer, ...branch, properties, required: [...required] };
}

function withoutKey(schema: Schema, key: string): Schema {
  const { [key]: _omitted, ...rest } = schema;
  return rest;
}
