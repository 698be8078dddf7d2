// The contract's request schemas turned into input checks: a compiler for the subset of JSON Schema
// (2020-12) the generated wire facts use — type, enum, const, format, pattern, lengths, bounds,
// items, required, properties, additionalProperties, propertyNames, property counts, anyOf, oneOf,
// allOf, not, $ref. Hand-written because a validator library (ajv: ~120 KB minified, zod/mini:
// ~26 KB and ~75 ms of CPU per import) would cost every user of the SDK for checks this small.
// The rule it implements (README § "Input checks"): a field the contract constrains is checked
// against all of its constraints, so one mistake always gives one error class.
import type { JsonSchema } from 'aigateway-contract';
import type { InputIssue } from './errors.js';

/** The contract's JSON Schema subset: the generated module's own type, so the two cannot drift. */
export type Schema = JsonSchema;

/** Appends what is wrong with `value` (at `path`, dot-separated; '' is the argument itself) to `issues`. */
export type Check = (value: unknown, path: string, issues: InputIssue[]) => void;

/** Schemas by name, for `$ref: '#/$defs/<name>'`. */
export type Definitions = { readonly [name: string]: Schema };

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `${value}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return jsonType(value) === 'object' ? 'an object' : String(value);
}

// JSON Schema counts characters as code points, not UTF-16 units.
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `1–64 characters`, `at least 1 item`: `unit` is the plural, made singular for a bound of 1. */
const range = (min: number | undefined, max: number | undefined, unit: string): string => {
  const one = unit.replace(/s$/, '');
  if (min !== undefined && max !== undefined)
    return min === max ? `${min} ${min === 1 ? one : unit}` : `${min}–${max} ${unit}`;
  if (min !== undefined) return `at least ${min} ${min === 1 ? one : unit}`;
  return `at most ${max} ${max === 1 ? one : unit}`;
};

/** Compiles schemas into checks; a schema object is compiled once, however often it is referred to. */
export class SchemaCompiler {
  readonly #defs: Definitions;
  readonly #compiled = new WeakMap<object, Compiled>();

  constructor(defs: Definitions) {
    this.#defs = defs;
  }

  /** The check for `schema`; `describe()` of the result says in words what it accepts. */
  compile(schema: Schema | boolean): Compiled {
    if (schema === true || schema === false) return schema ? ACCEPT : REJECT;
    let compiled = this.#compiled.get(schema);
    if (!compiled) {
      compiled = new Compiled(schema, this);
      this.#compiled.set(schema, compiled);
    }
    return compiled;
  }

  /** The schema a `$ref` names (`#/$defs/Name` or `#/components/schemas/Name`). */
  resolve(ref: string): Schema {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    const schema = this.#defs[name];
    if (!schema) throw new Error(`aigateway-js: the contract has no schema ${ref}`);
    return schema;
  }
}

/**
 * One compiled schema: `check` appends issues, `accepts` only tests. Both run one walk: without an
 * `issues` list it stops at the first failure and builds no path or message, so a valid call (nearly
 * every call) costs only the tests; `check` walks again, collecting, only when that probe fails.
 */
export class Compiled {
  readonly #schema: Schema;
  readonly #compiler: SchemaCompiler;
  readonly #types: readonly string[] | undefined;
  #pattern: RegExp | undefined;
  #description: string | undefined;
  #ref: Compiled | undefined;

  constructor(schema: Schema, compiler: SchemaCompiler) {
    this.#schema = schema;
    this.#compiler = compiler;
    this.#types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  }

  /** A `Check` bound to this schema. */
  readonly check: Check = (value, path, issues) => {
    if (!this.#check(value, path, undefined)) this.#check(value, path, issues);
  };

  accepts(value: unknown): boolean {
    return this.#check(value, '', undefined);
  }

  /** What the schema accepts, in words: `an integer from 1 to 60`, `"glb" or "obj"`. */
  describe(): string {
    this.#description ??= this.#describe();
    return this.#description;
  }

  #sub(schema: Schema | boolean): Compiled {
    return this.#compiler.compile(schema);
  }

  /**
   * Whether `value` passes. With `issues`, appends every issue (paths and messages); without, stops
   * at the first failure (`path` is then unused).
   */
  #check(value: unknown, path: string, issues: InputIssue[] | undefined): boolean {
    const s = this.#schema;
    let ok = true;
    if (s.$ref !== undefined) {
      this.#ref ??= this.#sub(this.#compiler.resolve(s.$ref));
      if (!this.#ref.#check(value, path, issues)) {
        if (!issues) return false;
        ok = false;
      }
    }
    if (s.format === 'binary') {
      // A file part of a multipart body: the SDK takes any uploadable value and encodes it itself.
      if (value !== undefined && value !== null) return ok;
      issues?.push({ path, message: `must be a file, got ${shown(value)}` });
      return false;
    }
    if (!this.#scalarOk(value)) {
      issues?.push({ path, message: `must be ${this.describe()}, got ${shown(value)}` });
      return false;
    }
    if (Array.isArray(value)) {
      if (!this.#checkArray(value, path, issues)) {
        if (!issues) return false;
        ok = false;
      }
    } else if (isObject(value) && !this.#checkObject(value, path, issues)) {
      if (!issues) return false;
      ok = false;
    }
    if (s.allOf) {
      for (const branch of s.allOf) {
        if (!this.#sub(branch).#check(value, path, issues)) {
          if (!issues) return false;
          ok = false;
        }
      }
    }
    if (s.anyOf && !this.#anyAccepts(s.anyOf, value)) {
      if (!issues) return false;
      ok = false;
      this.#union(s.anyOf, value, path, issues);
    }
    if (s.oneOf && this.#countAccepting(s.oneOf, value) !== 1) {
      if (!issues) return false;
      ok = false;
      this.#union(s.oneOf, value, path, issues);
    }
    if (s.not && this.#sub(s.not).accepts(value)) {
      if (!issues) return false;
      ok = false;
      issues.push({ path, message: `must not be ${this.#sub(s.not).describe()}` });
    }
    return ok;
  }

  #anyAccepts(branches: readonly (Schema | boolean)[], value: unknown): boolean {
    const only = this.#onlyCandidate(branches, value);
    if (only !== undefined) return only !== null && this.#sub(only).accepts(value);
    for (const branch of branches) if (this.#sub(branch).accepts(value)) return true;
    return false;
  }

  #countAccepting(branches: readonly (Schema | boolean)[], value: unknown): number {
    const only = this.#onlyCandidate(branches, value);
    if (only !== undefined) return only !== null && this.#sub(only).accepts(value) ? 1 : 0;
    let count = 0;
    for (const branch of branches) if (this.#sub(branch).accepts(value)) count++;
    return count;
  }

  /**
   * In a union whose branches all require one property fixed by a distinct string `const` (chat
   * messages by `role`), an object can only pass the branch its property names: that branch, or
   * `null` when it names none. `undefined` when the union is not of that kind, or `value` is no object.
   */
  #onlyCandidate(
    branches: readonly (Schema | boolean)[],
    value: unknown,
  ): Schema | boolean | null | undefined {
    if (!isObject(value)) return undefined;
    let tags = TAGS.get(branches);
    if (tags === undefined) {
      tags = tagged(
        branches,
        branches.map((b) => this.#deref(b)),
      );
      TAGS.set(branches, tags);
    }
    if (tags === null) return undefined;
    const tag = value[tags.key];
    return typeof tag === 'string' ? (tags.branches.get(tag) ?? null) : null;
  }

  /** Type, enum, const, format and the string and number keywords: one message covers them all. */
  #scalarOk(value: unknown): boolean {
    const s = this.#schema;
    const types = this.#types;
    if (types !== undefined) {
      const actual = jsonType(value);
      let ok = false;
      for (const t of types) if (t === actual || (t === 'number' && actual === 'integer')) ok = true;
      if (!ok || (typeof value === 'number' && !Number.isFinite(value))) return false;
    }
    if (s.const !== undefined && value !== s.const) return false;
    if (s.enum && !s.enum.includes(value)) return false;
    if (typeof value === 'string') {
      // A code point is one or two UTF-16 units: counting them is needed only between the bounds.
      if (s.minLength !== undefined && value.length < 2 * s.minLength && length(value) < s.minLength)
        return false;
      if (s.maxLength !== undefined && value.length > s.maxLength && length(value) > s.maxLength)
        return false;
      if (s.pattern !== undefined) {
        this.#pattern ??= new RegExp(s.pattern, 'u');
        if (!this.#pattern.test(value)) return false;
      }
      if (s.format === 'uri' && !isURL(value)) return false;
    }
    if (typeof value === 'number') {
      if (s.minimum !== undefined && value < s.minimum) return false;
      if (s.maximum !== undefined && value > s.maximum) return false;
      if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return false;
      if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return false;
      if (s.multipleOf !== undefined && !Number.isInteger(value / s.multipleOf)) return false;
    }
    return true;
  }

  #checkArray(value: unknown[], path: string, issues: InputIssue[] | undefined): boolean {
    const s = this.#schema;
    if (
      (s.minItems !== undefined && value.length < s.minItems) ||
      (s.maxItems !== undefined && value.length > s.maxItems)
    ) {
      issues?.push({
        path,
        message: `must have ${range(s.minItems, s.maxItems, 'items')}, got ${value.length}`,
      });
      return false;
    }
    if (s.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      issues?.push({ path, message: 'must not repeat an item' });
      return false;
    }
    let ok = true;
    if (s.items !== undefined && s.items !== true) {
      const items = this.#sub(s.items);
      for (let i = 0; i < value.length; i++) {
        if (!items.#check(value[i], issues ? join(path, i) : path, issues)) {
          if (!issues) return false;
          ok = false;
        }
      }
    }
    return ok;
  }

  #checkObject(value: Record<string, unknown>, path: string, issues: InputIssue[] | undefined): boolean {
    const s = this.#schema;
    let ok = true;
    if (s.required) {
      for (const key of s.required) {
        if (value[key] !== undefined) continue;
        if (!issues) return false;
        ok = false;
        issues.push({ path: join(path, key), message: 'is required' });
      }
    }
    // An `undefined` property is not sent (JSON.stringify drops it), so it counts as absent.
    const keys = Object.keys(value);
    let count = 0;
    for (const key of keys) if (value[key] !== undefined) count++;
    if (
      (s.minProperties !== undefined && count < s.minProperties) ||
      (s.maxProperties !== undefined && count > s.maxProperties)
    ) {
      if (!issues) return false;
      ok = false;
      issues.push({
        path,
        message: `must have ${range(s.minProperties, s.maxProperties, 'keys')}, got ${count}`,
      });
    }
    if (s.propertyNames) {
      const names = this.#sub(s.propertyNames);
      const bad = keys.find((key) => value[key] !== undefined && !names.accepts(key));
      if (bad !== undefined) {
        if (!issues) return false;
        ok = false;
        issues.push({ path, message: `has the key ${shown(bad)}: keys must be ${names.describe()}` });
      }
    }
    const { properties, additionalProperties } = s;
    for (const key of keys) {
      const item = value[key];
      if (item === undefined) continue;
      const known = properties?.[key];
      let passed = true;
      if (known !== undefined) {
        if (known === false) {
          passed = false;
          issues?.push({ path: join(path, key), message: 'must not be given here' });
        } else if (known !== true) {
          passed = this.#sub(known).#check(item, issues ? join(path, key) : path, issues);
        }
      } else if (additionalProperties === false) {
        passed = false;
        issues?.push({ path: join(path, key), message: 'is not a known parameter' });
      } else if (additionalProperties !== undefined && additionalProperties !== true) {
        passed = this.#sub(additionalProperties).#check(item, issues ? join(path, key) : path, issues);
      }
      if (!passed) {
        if (!issues) return false;
        ok = false;
      }
    }
    return ok;
  }

  /**
   * No branch (anyOf), or not exactly one (oneOf), accepted the value. Branches told apart by a
   * `const` property (chat messages by `role`, content parts by `type`) report inside the branch
   * the value names, and so does the only branch that takes the value's JSON type; any other
   * union reports at the field itself, saying what it takes.
   */
  #union(branches: readonly (Schema | boolean)[], value: unknown, path: string, issues: InputIssue[]): void {
    const resolved = branches.map((b) => this.#deref(b));
    const key = isObject(value) ? discriminator(resolved) : undefined;
    if (key !== undefined && isObject(value)) {
      const chosen = resolved.findIndex((b) => typeof b === 'object' && constOf(b, key) === value[key]);
      if (chosen === -1) {
        const values = resolved.map((b) => JSON.stringify(constOf(b as Schema, key))).join(', ');
        issues.push({ path: join(path, key), message: `must be one of ${values}, got ${shown(value[key])}` });
      } else this.#sub(branches[chosen] as Schema | boolean).#check(value, path, issues);
      return;
    }
    // Only one branch takes values of this JSON type (e.g. the array form of `string | string[]`):
    // its own issues say more than the union's description. The branch as written is checked, with
    // any keyword beside its `$ref`.
    const typed = branches.filter((_, i) => {
      const b = resolved[i];
      return typeof b === 'object' && takesType(b, value);
    });
    if (typed.length === 1) {
      this.#sub(typed[0] as Schema | boolean).#check(value, path, issues);
      return;
    }
    const needs = requiredAlternatives(resolved);
    const message = needs
      ? `give ${needs}`
      : `must be ${describeUnion(resolved, this.#compiler)}, got ${shown(value)}`;
    issues.push({ path, message });
  }

  #deref(schema: Schema | boolean): Schema | boolean {
    return typeof schema === 'object' && schema.$ref !== undefined
      ? this.#compiler.resolve(schema.$ref)
      : schema;
  }

  #describe(): string {
    const s = this.#schema;
    if (s.$ref !== undefined) return this.#sub(this.#compiler.resolve(s.$ref)).describe();
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    const union = s.anyOf ?? s.oneOf;
    if (union && s.type === undefined)
      return describeUnion(
        union.map((b) => this.#deref(b)),
        this.#compiler,
      );
    const stringy = s.minLength !== undefined || s.maxLength !== undefined || s.pattern !== undefined;
    const types =
      s.type === undefined
        ? stringy
          ? ['string']
          : []
        : typeof s.type === 'string'
          ? [s.type]
          : [...s.type];
    const nullable = types.includes('null');
    const main = types.filter((t) => t !== 'null');
    const parts = main.map((t) => this.#describeType(t));
    if (nullable) parts.push('null');
    return parts.length ? parts.join(' or ') : 'a valid value';
  }

  #describeType(type: string): string {
    const s = this.#schema;
    if (type === 'string') {
      const nonEmpty = s.minLength === 1 && s.maxLength === undefined;
      const words = [s.format === 'uri' ? 'a URL' : nonEmpty ? 'a non-empty string' : 'a string'];
      if (!nonEmpty && (s.minLength !== undefined || s.maxLength !== undefined))
        words.push(`of ${range(s.minLength, s.maxLength, 'characters')}`);
      if (s.pattern !== undefined) words.push(`matching ${s.pattern}`);
      return words.join(' ');
    }
    if (type === 'integer' || type === 'number') {
      const noun = type === 'integer' ? 'an integer' : 'a number';
      const min = s.minimum ?? s.exclusiveMinimum;
      const max = s.maximum ?? s.exclusiveMaximum;
      if (s.minimum !== undefined && s.maximum !== undefined)
        return `${noun} from ${s.minimum} to ${s.maximum}`;
      if (min !== undefined) return `${noun} ${s.minimum !== undefined ? '≥' : '>'} ${min}`;
      if (max !== undefined) return `${noun} ${s.maximum !== undefined ? '≤' : '<'} ${max}`;
      return noun;
    }
    if (type === 'array') {
      const count =
        s.minItems !== undefined || s.maxItems !== undefined
          ? ` of ${range(s.minItems, s.maxItems, 'items')}`
          : '';
      const items = typeof s.items === 'object' ? `, each ${this.#sub(s.items).describe()}` : '';
      return `an array${count}${items}`;
    }
    if (type === 'boolean') return 'a boolean';
    if (type === 'object') return 'an object';
    return type;
  }
}

const ACCEPT_SCHEMA: Schema = {};
const ACCEPT = new Compiled(ACCEPT_SCHEMA, new SchemaCompiler({}));
const REJECT = new Compiled({ not: ACCEPT_SCHEMA }, new SchemaCompiler({}));

function isURL(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether `schema` states a `type` that `value` has. */
function takesType(schema: Schema, value: unknown): boolean {
  if (schema.type === undefined) return false;
  const actual = jsonType(value);
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function constOf(schema: Schema, key: string): unknown {
  const property = schema.properties?.[key];
  return typeof property === 'object' ? property.const : undefined;
}

interface Tags {
  key: string;
  branches: Map<string, Schema | boolean>;
}

/** Each union's tags (`null`: not a tagged union), by its branch list. */
const TAGS = new WeakMap<readonly (Schema | boolean)[], Tags | null>();

/**
 * The property every branch (`resolved`: with its `$ref` followed) requires and fixes with a
 * distinct string `const`, if there is one, and the branches by its value.
 */
function tagged(
  branches: readonly (Schema | boolean)[],
  resolved: readonly (Schema | boolean)[],
): Tags | null {
  const key = discriminator(resolved);
  if (key === undefined) return null;
  const byTag = new Map<string, Schema | boolean>();
  for (const [i, branch] of resolved.entries()) {
    const tag = typeof branch === 'object' ? constOf(branch, key) : undefined;
    if (typeof branch !== 'object' || typeof tag !== 'string' || !branch.required?.includes(key)) return null;
    byTag.set(tag, branches[i] as Schema | boolean);
  }
  return { key, branches: byTag };
}

/** The property every branch fixes with a distinct `const` (e.g. `role`), if there is one. */
function discriminator(branches: readonly (Schema | boolean)[]): string | undefined {
  const first = branches[0];
  if (typeof first !== 'object') return undefined;
  for (const key of Object.keys(first.properties ?? {})) {
    const values = branches.map((b) => (typeof b === 'object' ? constOf(b, key) : undefined));
    if (values.every((v) => v !== undefined) && new Set(values).size === values.length) return key;
  }
  return undefined;
}

/** "`prompt` or `image`" for branches that differ only in which fields they require. */
function requiredAlternatives(branches: readonly (Schema | boolean)[]): string | undefined {
  const lists = branches.map((b) => (typeof b === 'object' && b.type === undefined ? b.required : undefined));
  if (lists.some((l) => !l?.length)) return undefined;
  return lists.map((l) => (l ?? []).map((k) => `\`${k}\``).join(' and ')).join(' or ');
}

function describeUnion(branches: readonly (Schema | boolean)[], compiler: SchemaCompiler): string {
  const words = [...new Set(branches.map((b) => compiler.compile(b).describe()))];
  return words.length <= 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
