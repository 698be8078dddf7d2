// The contract's request schemas turned into input checks: a compiler for the subset of JSON Schema
// (2020-12) the generated wire facts use — type, enum, const, format, pattern, lengths, bounds,
// items, required, properties, additionalProperties, propertyNames, property counts, anyOf, oneOf,
// allOf, not, $ref. Hand-written because a validator library (ajv: ~120 KB minified, zod/mini:
// ~26 KB and ~75 ms of CPU per import) would cost every user of the SDK for checks this small.
// The rule it implements (README § "Input checks"): a field the contract constrains is checked
// against all of its constraints, so one mistake always gives one error class.
import type { JsonSchema } from 'aigateway-contract';
import {
  buildProbe,
  isObject,
  type Probe,
  type ProbeContext,
  type ProbeParts,
  type UnionTags,
} from './check-probe.js';
import type { InputIssue } from './errors.js';

/** The contract's JSON Schema subset: the generated module's own type, so the two cannot drift. */
export type Schema = JsonSchema;

/** Appends what is wrong with `value` (at `path`, dot-separated; '' is the argument itself) to `issues`. */
export type Check = (value: unknown, path: string, issues: InputIssue[]) => void;

/** Schemas by name, for `$ref: '#/$defs/<name>'`. */
export type Definitions = { readonly [name: string]: Schema };

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

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
  /** @internal What each node's probe asks of its compiler. */
  readonly probeContext: ProbeContext = {
    sub: (schema) => this.compile(schema).probe,
    resolve: (ref) => this.resolve(ref),
    tags: (branches) => this.tags(branches),
  };

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

  /** A union's tag property and its branches by tag, or `null` when it is not a tagged union. */
  tags(branches: readonly (Schema | boolean)[]): UnionTags | null {
    let tags = TAGS.get(branches);
    if (tags === undefined) {
      tags = tagged(
        branches,
        branches.map((b) => (typeof b === 'object' && b.$ref !== undefined ? this.resolve(b.$ref) : b)),
      );
      TAGS.set(branches, tags);
    }
    return tags;
  }
}

/**
 * One compiled schema: `accepts` only tests, `check` appends issues. A valid call (nearly every
 * call) runs only the probe (check-probe.ts: closures that stop at the first failure and build no
 * path or message); `check` walks the schema collecting issues only when the probe fails.
 */
export class Compiled {
  readonly #schema: Schema;
  readonly #compiler: SchemaCompiler;
  #description: string | undefined;
  #ref: Compiled | undefined;
  #probes: ProbeParts | undefined;

  constructor(schema: Schema, compiler: SchemaCompiler) {
    this.#schema = schema;
    this.#compiler = compiler;
  }

  /** @internal Whether `value` passes; built on its first call, so unused schemas cost nothing. */
  readonly probe: Probe = (value) => this.#parts().all(value);

  /** A `Check` bound to this schema. */
  readonly check: Check = (value, path, issues) => {
    if (!this.probe(value)) this.#check(value, path, issues);
  };

  accepts(value: unknown): boolean {
    return this.probe(value);
  }

  /** @internal Every issue of `value`, by the collecting walk alone (the probe must agree with it). */
  issues(value: unknown): InputIssue[] {
    const issues: InputIssue[] = [];
    this.#check(value, '', issues);
    return issues;
  }

  /** What the schema accepts, in words: `an integer from 1 to 60`, `"glb" or "obj"`. */
  describe(): string {
    this.#description ??= this.#describe();
    return this.#description;
  }

  #parts(): ProbeParts {
    this.#probes ??= buildProbe(this.#schema, this.#compiler.probeContext);
    return this.#probes;
  }

  #sub(schema: Schema | boolean): Compiled {
    return this.#compiler.compile(schema);
  }

  /** Whether `value` passes, appending every issue (paths and messages) to `issues`. */
  #check(value: unknown, path: string, issues: InputIssue[]): boolean {
    const s = this.#schema;
    let ok = true;
    if (s.$ref !== undefined) {
      this.#ref ??= this.#sub(this.#compiler.resolve(s.$ref));
      if (!this.#ref.#check(value, path, issues)) ok = false;
    }
    if (s.format === 'binary') {
      // A file part of a multipart body: the SDK takes any uploadable value and encodes it itself.
      if (value !== undefined && value !== null) return ok;
      issues.push({ path, message: `must be a file, got ${shown(value)}` });
      return false;
    }
    if (!this.#parts().scalar(value)) {
      issues.push({ path, message: `must be ${this.describe()}, got ${shown(value)}` });
      return false;
    }
    if (Array.isArray(value)) {
      if (!this.#checkArray(value, path, issues)) ok = false;
    } else if (isObject(value) && !this.#checkObject(value, path, issues)) {
      ok = false;
    }
    if (s.allOf) {
      for (const branch of s.allOf) if (!this.#sub(branch).#check(value, path, issues)) ok = false;
    }
    if (s.anyOf && !this.#parts().anyOf(value)) {
      ok = false;
      this.#union(s.anyOf, value, path, issues);
    }
    if (s.oneOf && !this.#parts().oneOf(value)) {
      ok = false;
      this.#union(s.oneOf, value, path, issues);
    }
    if (s.not && this.#sub(s.not).accepts(value)) {
      ok = false;
      issues.push({ path, message: `must not be ${this.#sub(s.not).describe()}` });
    }
    return ok;
  }

  #checkArray(value: unknown[], path: string, issues: InputIssue[]): boolean {
    const s = this.#schema;
    if (
      (s.minItems !== undefined && value.length < s.minItems) ||
      (s.maxItems !== undefined && value.length > s.maxItems)
    ) {
      issues.push({
        path,
        message: `must have ${range(s.minItems, s.maxItems, 'items')}, got ${value.length}`,
      });
      return false;
    }
    if (s.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      issues.push({ path, message: 'must not repeat an item' });
      return false;
    }
    let ok = true;
    if (s.items !== undefined && s.items !== true) {
      const items = this.#sub(s.items);
      for (let i = 0; i < value.length; i++) {
        if (!items.#check(value[i], join(path, i), issues)) ok = false;
      }
    }
    return ok;
  }

  #checkObject(value: Record<string, unknown>, path: string, issues: InputIssue[]): boolean {
    const s = this.#schema;
    let ok = true;
    if (s.required) {
      for (const key of s.required) {
        if (value[key] !== undefined) continue;
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
          issues.push({ path: join(path, key), message: 'must not be given here' });
        } else if (known !== true) {
          passed = this.#sub(known).#check(item, join(path, key), issues);
        }
      } else if (additionalProperties === false) {
        passed = false;
        issues.push({ path: join(path, key), message: 'is not a known parameter' });
      } else if (additionalProperties !== undefined && additionalProperties !== true) {
        passed = this.#sub(additionalProperties).#check(item, join(path, key), issues);
      }
      if (!passed) ok = false;
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

/** Each union's tags (`null`: not a tagged union), by its branch list. */
const TAGS = new WeakMap<readonly (Schema | boolean)[], UnionTags | null>();

/**
 * The property every branch (`resolved`: with its `$ref` followed) requires and fixes with a
 * distinct string `const`, if there is one, and the branches by its value.
 */
function tagged(
  branches: readonly (Schema | boolean)[],
  resolved: readonly (Schema | boolean)[],
): UnionTags | null {
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
