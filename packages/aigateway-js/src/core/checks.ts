// The contract's request schemas turned into input checks: a compiler for the subset of JSON Schema
// (2020-12) the generated wire facts use — type, enum, const, format, pattern, lengths, bounds,
// items, required, properties, additionalProperties, propertyNames, property counts, anyOf, oneOf,
// allOf, not, $ref. Hand-written because a validator library (ajv: ~120 KB minified, zod/mini:
// ~26 KB and ~75 ms of CPU per import) would cost every user of the SDK for checks this small.
// The rule it implements (README § "Input checks"): a field the contract constrains is checked
// against all of its constraints, so one mistake always gives one error class.
import type { InputIssue } from './errors.js';

/** The contract's JSON Schema subset (the generated module's `JsonSchema`, read structurally). */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: Schema | boolean;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: Schema | boolean };
  readonly additionalProperties?: Schema | boolean;
  readonly propertyNames?: Schema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly anyOf?: readonly (Schema | boolean)[];
  readonly oneOf?: readonly (Schema | boolean)[];
  readonly allOf?: readonly (Schema | boolean)[];
  readonly not?: Schema;
  readonly $ref?: string;
}

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

/** One compiled schema: `check` appends issues, `accepts` only tests. */
export class Compiled {
  readonly #schema: Schema;
  readonly #compiler: SchemaCompiler;
  #pattern: RegExp | undefined;
  #description: string | undefined;

  constructor(schema: Schema, compiler: SchemaCompiler) {
    this.#schema = schema;
    this.#compiler = compiler;
  }

  /** A `Check` bound to this schema. */
  readonly check: Check = (value, path, issues) => this.#check(value, path, issues);

  accepts(value: unknown): boolean {
    const issues: InputIssue[] = [];
    this.#check(value, '', issues);
    return issues.length === 0;
  }

  /** What the schema accepts, in words: `an integer from 1 to 60`, `"glb" or "obj"`. */
  describe(): string {
    this.#description ??= this.#describe();
    return this.#description;
  }

  #sub(schema: Schema | boolean): Compiled {
    return this.#compiler.compile(schema);
  }

  #check(value: unknown, path: string, issues: InputIssue[]): void {
    const s = this.#schema;
    if (s.$ref !== undefined) this.#sub(this.#compiler.resolve(s.$ref)).#check(value, path, issues);
    if (s.format === 'binary') {
      // A file part of a multipart body: the SDK takes any uploadable value and encodes it itself.
      if (value === undefined || value === null)
        issues.push({ path, message: `must be a file, got ${shown(value)}` });
      return;
    }
    if (!this.#scalarOk(value)) {
      issues.push({ path, message: `must be ${this.describe()}, got ${shown(value)}` });
      return;
    }
    if (Array.isArray(value)) this.#checkArray(value, path, issues);
    else if (isObject(value)) this.#checkObject(value, path, issues);
    for (const branch of s.allOf ?? []) this.#sub(branch).#check(value, path, issues);
    if (s.anyOf && !s.anyOf.some((b) => this.#sub(b).accepts(value)))
      this.#union(s.anyOf, value, path, issues);
    if (s.oneOf && s.oneOf.filter((b) => this.#sub(b).accepts(value)).length !== 1)
      this.#union(s.oneOf, value, path, issues);
    if (s.not && this.#sub(s.not).accepts(value))
      issues.push({ path, message: `must not be ${this.#sub(s.not).describe()}` });
  }

  /** Type, enum, const, format and the string and number keywords: one message covers them all. */
  #scalarOk(value: unknown): boolean {
    const s = this.#schema;
    if (s.type !== undefined) {
      const actual = jsonType(value);
      const types = typeof s.type === 'string' ? [s.type] : s.type;
      const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
      if (!ok || (typeof value === 'number' && !Number.isFinite(value))) return false;
    }
    if (s.const !== undefined && value !== s.const) return false;
    if (s.enum && !s.enum.includes(value)) return false;
    if (typeof value === 'string') {
      if (s.minLength !== undefined && (value.length < s.minLength || length(value) < s.minLength))
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

  #checkArray(value: unknown[], path: string, issues: InputIssue[]): void {
    const s = this.#schema;
    if (
      (s.minItems !== undefined && value.length < s.minItems) ||
      (s.maxItems !== undefined && value.length > s.maxItems)
    ) {
      issues.push({
        path,
        message: `must have ${range(s.minItems, s.maxItems, 'items')}, got ${value.length}`,
      });
      return;
    }
    if (s.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      issues.push({ path, message: 'must not repeat an item' });
      return;
    }
    if (s.items !== undefined && s.items !== true) {
      const items = this.#sub(s.items);
      for (let i = 0; i < value.length; i++) items.#check(value[i], join(path, i), issues);
    }
  }

  #checkObject(value: Record<string, unknown>, path: string, issues: InputIssue[]): void {
    const s = this.#schema;
    // An `undefined` property is not sent (JSON.stringify drops it), so it counts as absent.
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    for (const key of s.required ?? []) {
      if (value[key] === undefined) issues.push({ path: join(path, key), message: 'is required' });
    }
    if (
      (s.minProperties !== undefined && keys.length < s.minProperties) ||
      (s.maxProperties !== undefined && keys.length > s.maxProperties)
    ) {
      issues.push({
        path,
        message: `must have ${range(s.minProperties, s.maxProperties, 'keys')}, got ${keys.length}`,
      });
    }
    if (s.propertyNames) {
      const names = this.#sub(s.propertyNames);
      const bad = keys.find((key) => !names.accepts(key));
      if (bad !== undefined)
        issues.push({ path, message: `has the key ${shown(bad)}: keys must be ${names.describe()}` });
    }
    for (const key of keys) {
      const known = s.properties?.[key];
      if (known !== undefined) {
        if (known === false) issues.push({ path: join(path, key), message: 'must not be given here' });
        else if (known !== true) this.#sub(known).#check(value[key], join(path, key), issues);
      } else if (s.additionalProperties === false) {
        issues.push({ path: join(path, key), message: 'is not a known parameter' });
      } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
        this.#sub(s.additionalProperties).#check(value[key], join(path, key), issues);
      }
    }
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
      const chosen = resolved.find((b) => typeof b === 'object' && constOf(b, key) === value[key]);
      if (chosen === undefined) {
        const values = resolved.map((b) => JSON.stringify(constOf(b as Schema, key))).join(', ');
        issues.push({ path: join(path, key), message: `must be one of ${values}, got ${shown(value[key])}` });
      } else this.#sub(chosen).#check(value, path, issues);
      return;
    }
    // Only one branch takes values of this JSON type (e.g. the array form of `string | string[]`):
    // its own issues say more than the union's description.
    const typed = resolved.filter((b) => typeof b === 'object' && takesType(b, value));
    if (typed.length === 1) {
      this.#sub(typed[0] as Schema).#check(value, path, issues);
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
