/**
 * A deterministic instance of a JSON schema, for tool-call arguments and `json_schema` replies.
 * Strings come from the user's words where the property name suggests it (`city` → a
 * capitalised word of the prompt), so `get_weather` for "weather in Paris" gets `{"city":"Paris"}`.
 */
type Schema = Record<string, unknown>;

const placeLike = /^(city|location|place|country|region|town|destination|origin)$/i;
const textLike = /^(query|q|text|prompt|question|search|input|message|content|topic|subject|title|name)$/i;

function properNoun(text: string): string | undefined {
  const words = text.match(/\p{Lu}[\p{L}'-]+/gu) ?? [];
  const first = text.trim().match(/^\p{Lu}[\p{L}'-]+/u)?.[0];
  return words.find((w, i) => i > 0 || w !== first) ?? undefined;
}

function sampleString(schema: Schema, name: string, prompt: string): string {
  if (schema.format === 'date') return '2026-01-01';
  if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (schema.format === 'email') return 'user@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com';
  const clean = prompt.replace(/\s+/g, ' ').trim();
  let value: string;
  if (placeLike.test(name)) value = properNoun(clean) ?? 'Paris';
  else if (textLike.test(name) || name === '') value = clean.slice(0, 80) || name || 'example';
  else value = `${name.replace(/_/g, ' ')} value`;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (max !== undefined) value = value.slice(0, max);
  return value.padEnd(min, 'x');
}

export function sampleSchema(schema: unknown, prompt: string, name = '', depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 6) return null;
  const s = schema as Schema;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ('default' in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) {
    const nonNull = variants.find((v) => (v as Schema)?.type !== 'null') ?? variants[0];
    return sampleSchema(nonNull, prompt, name, depth + 1);
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const [key, sub] of Object.entries(props)) out[key] = sampleSchema(sub, prompt, key, depth + 1);
      return out;
    }
    case 'array': {
      const count = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      return Array.from({ length: count }, () => sampleSchema(s.items, prompt, name, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min =
        typeof s.minimum === 'number'
          ? s.minimum
          : typeof s.exclusiveMinimum === 'number'
            ? s.exclusiveMinimum + 1
            : undefined;
      const max = typeof s.maximum === 'number' ? s.maximum : undefined;
      const value = min ?? (max !== undefined ? Math.min(1, max) : 1);
      return type === 'integer' ? Math.ceil(value) : value;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(s, name, prompt);
  }
}
