import type Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { escapePointer, resolve } from '../../contract/document.js';
import { type Operation, operations, templatePattern } from '../../contract/operations.js';
import { CONTRACT_ID, createAjv } from '../../contract/validate.js';

// Prism reports every violation of a response, so this Ajv collects all errors (compiled on first use).
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction | undefined {
  let fn = compiled.get(pointer);
  if (!fn) {
    ajv ??= createAjv(true);
    fn = ajv.getSchema(`${CONTRACT_ID}${pointer}`);
    if (fn) compiled.set(pointer, fn);
  }
  return fn;
}

const byPath = operations.map((op) => ({ op, pattern: new RegExp(`^${templatePattern(op.path)}$`) }));

/** The contract operation a request is for: a literal path before a template (`/v1/models` before `/v1/models/{model}`). */
export function operationFor(method: string, path: string): Operation | undefined {
  const candidates = byPath.filter((c) => c.op.method === method && c.pattern.test(path));
  return candidates.sort((a, b) => a.op.path.split('{').length - b.op.path.split('{').length)[0]?.op;
}

const MAX_PER_RESPONSE = 20;
const composite = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', 'not']);

/** One line per Ajv error, with the JSON pointer of the value: `/choices/0/message must have required property 'role'`. */
function describe(errors: ErrorObject[], prefix = ''): string[] {
  const specific = errors.filter((e) => !composite.has(e.keyword));
  const lines = (specific.length > 0 ? specific : errors).map((e) => {
    const extra =
      e.keyword === 'enum'
        ? `: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
        : e.keyword === 'additionalProperties'
          ? ` '${String(e.params.additionalProperty)}'`
          : '';
    return `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
  return [...new Set(lines)];
}

/** Validates one SSE stream of a chat completion: each `data:` is a chunk or an error envelope, the last `[DONE]`. */
function checkEvents(text: string, pointer: string): string[] {
  const chunk = validator('#/components/schemas/ChatCompletionChunk');
  const envelope = validator('#/components/schemas/ErrorEnvelope');
  if (!pointer.includes('text~1event-stream') || !chunk || !envelope) return [];
  const out: string[] = [];
  const data = text
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trimStart());
  data.forEach((d, i) => {
    if (d === '[DONE]') return;
    let value: unknown;
    try {
      value = JSON.parse(d);
    } catch {
      out.push(`event ${i + 1}: data is neither JSON nor [DONE]`);
      return;
    }
    const check = value && typeof value === 'object' && 'error' in value ? envelope : chunk;
    if (!check(value)) out.push(...describe(check.errors ?? [], `event ${i + 1}: `));
  });
  const last = data.at(-1);
  const endedWithError = last !== undefined && last !== '[DONE]' && last.includes('"error"');
  if (last !== '[DONE]' && !endedWithError) out.push('the stream ended without `data: [DONE]`');
  return out;
}

/**
 * What an upstream response gets wrong against the contract: an operation the contract lacks, a
 * status or media type it does not declare for the operation, a JSON body or SSE event that does
 * not validate. Empty when it conforms.
 */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: Uint8Array,
): string[] {
  const op = operationFor(method, path);
  if (!op) return [`${method} ${path} is not an operation of the contract`];
  const base = `#/paths/${escapePointer(op.path)}/${method.toLowerCase()}/responses`;
  const responses = resolve(base).value ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) return [`status ${status} is not declared for ${method} ${op.path}`];
  const declared = resolve(`${base}/${key}`);
  const content = declared.value?.content as Record<string, unknown> | undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!content) return body.byteLength > 0 ? [`status ${status} declares no body, but one was sent`] : [];
  if (!(type in content)) {
    return [
      `content type '${type || 'none'}' is not declared for ${status} (declared: ${Object.keys(content).join(', ')})`,
    ];
  }
  const pointer = `${declared.pointer}/content/${escapePointer(type)}/schema`;
  const text = Buffer.from(body).toString('utf8');
  let problems: string[] = [];
  if (type === 'text/event-stream') problems = checkEvents(text, pointer);
  else if (type === 'application/json') {
    const validate = validator(pointer);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return ['the body is not valid JSON'];
    }
    if (validate && !validate(value)) problems = describe(validate.errors ?? []);
  }
  return problems.length > MAX_PER_RESPONSE
    ? [...problems.slice(0, MAX_PER_RESPONSE), `…and ${problems.length - MAX_PER_RESPONSE} more`]
    : problems;
}
