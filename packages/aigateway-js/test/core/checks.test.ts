// The JSON Schema subset compiler, keyword by keyword, on schemas written here (the contract's own
// schemas are exercised in schemas.test.ts and by openapi/conformance/inputs.json).
import { schemas } from 'aigateway-contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Schema, SchemaCompiler } from '../../src/core/checks.js';
import type { InputIssue } from '../../src/core/errors.js';

const defs: Record<string, Schema> = {
  Tag: { type: 'string', minLength: 1, maxLength: 4, pattern: '^[a-z]+$' },
  Text: {
    type: 'object',
    required: ['type', 'text'],
    properties: { type: { const: 'text' }, text: { type: 'string' } },
  },
  Image: {
    type: 'object',
    required: ['type', 'url'],
    properties: { type: { const: 'image' }, url: { type: 'string', format: 'uri' } },
  },
};
const compiler = new SchemaCompiler(defs);

function issues(schema: Schema, value: unknown): string[] {
  const out: InputIssue[] = [];
  compiler.compile(schema).check(value, '', out);
  return out.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

describe('SchemaCompiler', () => {
  it('types: integer vs number, null, and no NaN or Infinity', () => {
    const n: Schema = { type: ['integer', 'null'], minimum: 1, maximum: 60 };
    expect(issues(n, 5)).toEqual([]);
    expect(issues(n, null)).toEqual([]);
    for (const bad of [0, 0.5, 61, -1, '5', Number.NaN, Number.POSITIVE_INFINITY, undefined, true])
      expect(issues(n, bad)).toEqual([
        expect.stringMatching(/^must be an integer from 1 to 60 or null, got /),
      ]);
    expect(issues({ type: 'number', exclusiveMinimum: 0 }, 0)).toEqual(['must be a number > 0, got 0']);
    expect(issues({ type: 'number', multipleOf: 0.5 }, 0.75)).toHaveLength(1);
    expect(issues({ type: 'number' }, 2)).toEqual([]);
  });

  it('strings: lengths in code points, pattern, enum, const, URL format', () => {
    const s: Schema = { type: 'string', minLength: 2, maxLength: 3 };
    expect(issues(s, '🎬🎬🎬')).toEqual([]); // 6 UTF-16 units, 3 characters
    expect(issues(s, '🎬')).toEqual(['must be a string of 2–3 characters, got "🎬"']);
    expect(issues(s, 'abcd')).toHaveLength(1);
    expect(issues({ $ref: '#/$defs/Tag' }, 'ab1')).toEqual([
      'must be a string of 1–4 characters matching ^[a-z]+$, got "ab1"',
    ]);
    expect(issues({ enum: ['glb', 'obj'] }, 'fbx')).toEqual(['must be one of "glb", "obj", got "fbx"']);
    expect(issues({ type: 'string', format: 'uri' }, 'not a url')).toEqual([
      'must be a URL, got "not a url"',
    ]);
    expect(issues({ type: 'string', format: 'uri' }, 'https://example.com/x')).toEqual([]);
  });

  it('a binary field takes any file value (the SDK encodes it), never null or undefined', () => {
    const file: Schema = {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    };
    expect(issues(file, { file: new Uint8Array(1) })).toEqual([]);
    expect(issues(file, { file: null })).toEqual(['file: must be a file, got null']);
  });

  it('arrays: counts, unique items, each item at its index', () => {
    const a: Schema = {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
    };
    expect(issues(a, ['a', 'b'])).toEqual([]);
    expect(issues(a, [])).toEqual(['must have 1–3 items, got 0']);
    expect(issues(a, ['a', 'a'])).toEqual(['must not repeat an item']);
    expect(issues(a, ['a', ''])).toEqual(['1: must be a non-empty string, got ""']);
  });

  it('objects: required (undefined counts as absent), known and extra properties, keys', () => {
    const o: Schema = {
      type: 'object',
      required: ['model'],
      properties: { model: { type: 'string' }, pin: false },
      additionalProperties: { type: 'string', maxLength: 2 },
      propertyNames: { maxLength: 5 },
      maxProperties: 3,
    };
    expect(issues(o, { model: 'm', ab: 'x' })).toEqual([]);
    expect(issues(o, { model: undefined })).toEqual(['model: is required']);
    expect(issues(o, { model: 'm', pin: 1 })).toEqual(['pin: must not be given here']);
    expect(issues(o, { model: 'm', ab: 'xyz' })).toEqual([
      'ab: must be a string of at most 2 characters, got "xyz"',
    ]);
    expect(issues(o, { model: 'm', longer: 'x' })).toEqual([
      'has the key "longer": keys must be a string of at most 5 characters',
    ]);
    expect(issues(o, { model: 'm', a: 'x', b: 'x', c: 'x' })).toEqual(['must have at most 3 keys, got 4']);
    expect(issues({ type: 'object', additionalProperties: false }, { x: 1 })).toEqual([
      'x: is not a known parameter',
    ]);
    expect(issues({ type: 'object', properties: { x: { type: 'integer' } } }, { x: 1, other: [] })).toEqual(
      [],
    );
  });

  it('unions: discriminated by a const, by the only branch of that type, else at the field', () => {
    const part: Schema = { oneOf: [{ $ref: '#/$defs/Text' }, { $ref: '#/$defs/Image' }] };
    expect(issues(part, { type: 'image', url: 'https://x.test/a.png' })).toEqual([]);
    expect(issues(part, { type: 'image' })).toEqual(['url: is required']);
    expect(issues(part, { type: 'audio' })).toEqual(['type: must be one of "text", "image", got "audio"']);
    const textInput: Schema = {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      ],
    };
    expect(issues(textInput, ['a', ''])).toEqual(['1: must be a non-empty string, got ""']);
    expect(issues(textInput, 3)).toEqual([
      'must be a non-empty string or an array of at least 1 item, each a non-empty string, got 3',
    ]);
    const twoArrays: Schema = {
      anyOf: [
        { type: 'array', items: { type: 'string' } },
        { type: 'array', items: { type: 'integer' } },
      ],
    };
    expect(issues(twoArrays, [1, 'a'])).toEqual([
      expect.stringMatching(/^must be an array, each a string or an array, each an integer, got/),
    ]);
  });

  it('oneOf needs exactly one branch; branches of required fields read as "give …"', () => {
    const either: Schema = {
      type: 'object',
      oneOf: [
        { required: ['prompt'], properties: { prompt: true } },
        { required: ['image'], properties: { image: true, prompt: false } },
      ],
    };
    expect(issues(either, { prompt: 'p', image: 'i' })).toEqual([]);
    expect(issues(either, { image: 'i' })).toEqual([]);
    expect(issues(either, {})).toEqual(['give `prompt` or `image`']);
    const overlapping: Schema = { oneOf: [{ type: 'integer' }, { type: 'number' }] };
    expect(issues(overlapping, 1)).toHaveLength(1); // both branches match
    expect(issues(overlapping, 1.5)).toEqual([]);
  });

  it("a tagged union tries only the branch its tag names, with that branch's own keywords", () => {
    const part: Schema = {
      oneOf: [
        { $ref: '#/$defs/Text', properties: { text: { type: 'string', minLength: 2 } } },
        { $ref: '#/$defs/Image' },
      ],
    };
    expect(issues(part, { type: 'text', text: 'ab' })).toEqual([]);
    expect(issues(part, { type: 'text', text: 'a' })).toEqual([
      'text: must be a string of at least 2 characters, got "a"',
    ]);
    expect(issues(part, { type: 'image', url: 'https://x.test/a.png' })).toEqual([]);
    expect(issues(part, { text: 'ab' })).toEqual(['type: must be one of "text", "image", got undefined']);
    expect(compiler.compile(part).accepts({ type: 'video', url: 'https://x.test/a.mp4' })).toBe(false);
  });

  it('accepts() (the compiled probe) agrees with the collecting walk of check() (fast-check)', () => {
    const contract = new SchemaCompiler(schemas);
    const chat = contract.compile(schemas.ChatCompletionRequest);
    const embeddings = contract.compile(schemas.EmbeddingRequest);
    const text = fc.oneof(
      fc.constantFrom('', 'a', 'user', 'system', 'assistant', 'tool', 'm/x'),
      fc.string(),
    );
    const content = fc.oneof(
      text,
      fc.constant(null),
      fc.array(fc.record({ type: fc.constantFrom('text', 'image_url', 'x'), text }, { requiredKeys: [] })),
    );
    const message = fc.record(
      {
        role: fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool'), text),
        content,
        name: text,
        tool_call_id: text,
      },
      { requiredKeys: [] },
    );
    const request = fc.record(
      {
        model: text,
        messages: fc.oneof(fc.array(message, { maxLength: 3 }), text),
        input: fc.oneof(text, fc.array(text, { maxLength: 2 }), fc.array(fc.integer(), { maxLength: 2 })),
        temperature: fc.oneof(fc.double(), fc.constant(null)),
        n: fc.integer({ min: -1, max: 2 }),
        stop: fc.oneof(text, fc.array(text, { maxLength: 5 })),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(request, fc.anything()), (value) => {
        for (const compiled of [chat, embeddings]) {
          expect(compiled.accepts(value)).toBe(compiled.issues(value).length === 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the probe agrees with the collecting walk on every keyword and every contract schema (fast-check)', () => {
    const local: Schema[] = [
      { type: ['integer', 'null'], minimum: 1, maximum: 60 },
      { type: ['number', 'null'], minimum: 0, maximum: 2 },
      { type: ['number', 'string'], exclusiveMinimum: 0, exclusiveMaximum: 9, multipleOf: 0.5, maxLength: 2 },
      { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z🎬]+$' },
      { $ref: '#/$defs/Tag' },
      { enum: ['glb', 'obj', 1, null] },
      { const: 'x' },
      { type: 'string', format: 'uri' },
      { $ref: '#/$defs/Tag', format: 'binary' },
      { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
      { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'string', minLength: 1 } },
      {
        type: 'object',
        required: ['model'],
        properties: { model: { type: 'string' }, pin: false, any: true },
        additionalProperties: { type: 'string', maxLength: 2 },
        propertyNames: { maxLength: 5 },
        minProperties: 1,
        maxProperties: 3,
      },
      { type: 'object', additionalProperties: false, properties: { x: { type: 'integer' } } },
      { type: 'object', additionalProperties: false },
      { oneOf: [{ $ref: '#/$defs/Text' }, { $ref: '#/$defs/Image' }] },
      { anyOf: [{ $ref: '#/$defs/Text' }, { $ref: '#/$defs/Image' }] },
      {
        oneOf: [{ $ref: '#/$defs/Text', properties: { text: { minLength: 2 } } }, { $ref: '#/$defs/Image' }],
      },
      {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string' } },
        ],
      },
      {
        type: 'object',
        oneOf: [
          { required: ['prompt'], properties: { prompt: true } },
          { required: ['image'], properties: { image: true, prompt: false } },
        ],
      },
      { oneOf: [{ type: 'integer' }, { type: 'number' }] },
      { allOf: [{ type: 'integer' }, { minimum: 2 }] },
      { not: { type: 'string' } },
      { type: [] },
    ];
    const contract = new SchemaCompiler(schemas);
    const compiled = [
      ...local.map((schema) => compiler.compile(schema)),
      ...Object.values(schemas).map((schema) => contract.compile(schema)),
    ];
    // Keys the schemas name, and names every object inherits (looked up like a schema's own).
    const key = fc.constantFrom(
      ...['model', 'pin', 'any', 'ab', 'longer', 'x', 'type', 'text', 'url', 'file', 'prompt', 'image'],
      ...['messages', 'input', 'role', 'content', 'toString', 'constructor', '__proto__'],
    );
    const leaf = fc.oneof(
      fc.constantFrom('', 'a', 'ab', 'abc', 'text', 'image', 'https://x.test/a', '🎬🎬', null, true),
      fc.constantFrom(0, 0.5, 0.75, 1, 2, 10, -1, Number.NaN, Number.POSITIVE_INFINITY),
      fc.constant(undefined),
      fc.anything(),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 4 })),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(value, (v) => {
        for (const c of compiled) expect(c.accepts(v)).toBe(c.issues(v).length === 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('allOf and not', () => {
    expect(issues({ allOf: [{ type: 'integer' }, { minimum: 2 }] }, 1)).toHaveLength(1);
    expect(issues({ not: { type: 'string' } }, 'x')).toEqual(['must not be a string']);
    expect(issues({ not: { type: 'string' } }, 1)).toEqual([]);
  });
});
