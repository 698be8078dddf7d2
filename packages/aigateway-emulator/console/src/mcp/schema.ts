import { Validator } from '@cfworker/json-schema';

/** The part of JSON Schema a tool's `inputSchema` uses, as the form reads it. */
export interface JsonSchema {
  $schema?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  additionalProperties?: JsonSchema | boolean;
}

export type FieldKind =
  | 'object'
  | 'array'
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'union'
  | 'json';

/** How a schema is edited: a field per type; a JSON editor for what a field cannot show (maps, any). */
export function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum)) return 'enum';
  if (schema.anyOf ?? schema.oneOf) return 'union';
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  if (type === 'object') return schema.properties ? 'object' : 'json';
  if (type === 'array') return schema.items ? 'array' : 'json';
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  return 'json';
}

export const branches = (schema: JsonSchema): JsonSchema[] => schema.anyOf ?? schema.oneOf ?? [];

/** A short name for a branch of a union: "text", "list of text", "object"… */
export function label(schema: JsonSchema): string {
  const kind = kindOf(schema);
  if (kind === 'string') return 'text';
  if (kind === 'array') return `list of ${label(schema.items!)}`;
  if (kind === 'json') return schema.type === 'array' ? 'list (JSON)' : 'JSON';
  if (kind === 'enum') return 'choice';
  return kind;
}

const typeOf = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** Which branch of a union a value belongs to (the first one when it is empty). */
export function branchOf(schema: JsonSchema, value: unknown): number {
  if (value === undefined) return 0;
  const i = branches(schema).findIndex((b) => {
    const kind = kindOf(b);
    const t = typeOf(value);
    return kind === t || (t === 'number' && kind === 'integer') || (kind === 'json' && t === b.type);
  });
  return Math.max(0, i);
}

/** What a new form holds: the required structure (objects, one item of a required list), nothing else. */
export function initialValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  const kind = kindOf(schema);
  if (kind === 'object') {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) {
      const v = initialValue(schema.properties![name]!);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (kind === 'array' && (schema.minItems ?? 0) > 0) return [itemValue(schema.items!)];
  return undefined;
}

/** A new list item: empty text rather than nothing, so a list never holds holes. */
export function itemValue(schema: JsonSchema): unknown {
  const v = initialValue(schema);
  if (v !== undefined) return v;
  const kind = kindOf(schema);
  return kind === 'string'
    ? ''
    : kind === 'object'
      ? {}
      : kind === 'union'
        ? itemValue(branches(schema)[0]!)
        : v;
}

/** One problem with the arguments, at a JSON path of the arguments (`messages/0/role`). */
export interface ArgumentProblem {
  path: string;
  message: string;
}

const draftOf = (schema: JsonSchema) =>
  /2020-12/.test(schema.$schema ?? '') ? '2020-12' : /2019-09/.test(schema.$schema ?? '') ? '2019-09' : '7';

function phrase(keyword: string, error: string, at: JsonSchema | undefined): string {
  switch (keyword) {
    case 'required':
      return 'required';
    case 'minLength':
      return at?.minLength === 1 ? 'must not be empty' : `needs at least ${at?.minLength} characters`;
    case 'minItems':
      return `needs at least ${at?.minItems} item${at?.minItems === 1 ? '' : 's'}`;
    case 'minimum':
      return `must be ${at?.minimum} or more`;
    case 'maximum':
      return `must be ${at?.maximum} or less`;
    case 'enum':
      return `choose one of ${(at?.enum ?? []).join(', ')}`;
    case 'type':
      return `must be ${/Expected "(\w+)"/.exec(error)?.[1] ?? 'another type'}`;
    case 'anyOf':
    case 'oneOf':
      return `must be ${branches(at ?? {})
        .map(label)
        .join(' or ')}`;
    default:
      return error.replace(/^Instance /, '');
  }
}

function schemaAt(schema: JsonSchema, keywordLocation: string): JsonSchema | undefined {
  let node: unknown = schema;
  const parts = keywordLocation.replace(/^#\/?/, '').split('/').slice(0, -1);
  for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
  return node as JsonSchema | undefined;
}

/**
 * Checks arguments against a tool's input schema (@cfworker/json-schema) and says what is wrong
 * where, one problem per field: the innermost one, without the "property does not match" wrappers.
 */
export function argumentChecker(schema: JsonSchema): (args: unknown) => ArgumentProblem[] {
  const validator = new Validator(schema as never, draftOf(schema), false);
  return (args) => {
    const units = validator.validate(args).errors;
    const problems = new Map<string, string>();
    for (const u of units) {
      if (['properties', 'items', 'allOf', 'additionalProperties', 'propertyNames'].includes(u.keyword))
        continue;
      // A union reports each branch's mismatch too: its own line says it better.
      if (/\/(anyOf|oneOf)\/\d+\//.test(u.keywordLocation)) continue;
      let path = u.instanceLocation.replace(/^#\/?/, '');
      if (u.keyword === 'required') {
        const name = /property "([^"]+)"/.exec(u.error)?.[1] ?? '';
        path = path ? `${path}/${name}` : name;
      }
      if (!problems.has(path))
        problems.set(path, phrase(u.keyword, u.error, schemaAt(schema, u.keywordLocation)));
    }
    return [...problems].map(([path, message]) => ({ path, message }));
  };
}

/** `messages/0/role` → `messages[0].role`, for messages. */
export const readablePath = (path: string): string =>
  path.split('/').reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
