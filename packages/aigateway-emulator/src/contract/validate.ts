import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ApiError } from '../http/errors.js';
import type { OperationId } from 'aigateway-contract';
import type { operationTypes } from 'aigateway-contract/types';
import { contract, requestSchemaPointer } from './document.js';
import { operation } from './operations.js';

export const CONTRACT_ID = 'https://api.aigateway.sh/openapi.json';

/**
 * Ajv checks an OpenAPI discriminator only without `mapping` (the branches' consts already say the
 * same), and with the discriminator it skips `oneOf` for non-objects: every discriminated union in
 * the contract is a union of objects, so say so with `type: object`.
 */
function prepare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prepare);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'discriminator' && v && typeof v === 'object') {
      out[k] = { propertyName: (v as { propertyName?: unknown }).propertyName };
    } else out[k] = prepare(v);
  }
  if ('discriminator' in out && !('type' in out)) out.type = 'object';
  return out;
}

/** Ajv over the whole contract; `allErrors` reports every violation (upstream checks) rather than the first. */
export function createAjv(allErrors = false): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    discriminator: true,
    allErrors,
    // Errors carry their schema, whose description says what a value that misses a pattern should be.
    verbose: true,
    logger: false,
    validateFormats: true,
  });
  addFormats(ajv);
  for (const f of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) ajv.addFormat(f, true);
  ajv.addSchema({ ...(prepare(contract) as object), $id: CONTRACT_ID });
  return ajv;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction | null>();

/** A compiled validator for a JSON pointer into the contract (cached; compiled on first use). */
export function validatorAt(pointer: string): ValidateFunction {
  let fn = compiled.get(pointer);
  if (fn === undefined) {
    ajv ??= createAjv();
    fn = ajv.getSchema(`${CONTRACT_ID}${pointer}`) ?? null;
    compiled.set(pointer, fn);
  }
  if (!fn) throw new Error(`The contract has no schema at ${pointer}`);
  return fn;
}

const hints: Record<string, string> = {
  model: 'e.g. "openai/gpt-5.4"; list models with GET /v1/models',
  messages: 'e.g. [{"role":"user","content":"hi"}]',
};

/** `/messages/0/content` → `messages[0].content`, the contract's `param` format. */
export function toParam(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'required' ? 1 : 0);
const rank = (e: ErrorObject) =>
  e.keyword === 'required' ? 0 : e.keyword === 'type' ? 2 : e.keyword === 'const' ? 3 : 1;
const composite = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', 'not']);

/** Turns Ajv's errors into one envelope that names the field and says how to fix it. */
export function toApiError(errors: ErrorObject[]): ApiError {
  const specific = errors.filter((e) => !composite.has(e.keyword));
  const pool = specific.length > 0 ? specific : errors;
  const best = [...pool].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0]!;
  if (best.keyword === 'required') {
    const field = String(best.params.missingProperty);
    const param = toParam(best.instancePath, field);
    const hint = hints[param] ? ` (${hints[param]})` : '';
    return new ApiError(
      400,
      'missing_field',
      `${param} is required: add it to the request body${hint} and retry.`,
      { param },
    );
  }
  const param = toParam(best.instancePath);
  const name = param || 'The request body';
  if (best.keyword === 'type') {
    const types = [
      ...new Set(
        pool
          .filter((e) => e.keyword === 'type' && e.instancePath === best.instancePath)
          .map((e) => String(e.params.type)),
      ),
    ];
    const expected = types.join(' or ').replace(/,/g, ' or ');
    return new ApiError(
      400,
      'invalid_type',
      `${name} must be of type ${expected}; fix its type and retry.`,
      param ? { param } : {},
    );
  }
  let detail = best.message ?? 'is invalid';
  if (best.keyword === 'enum')
    detail = `must be one of ${(best.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (best.keyword === 'const') detail = `must be ${JSON.stringify(best.params.allowedValue)}`;
  if (best.keyword === 'pattern') {
    const description = (best.parentSchema as { description?: unknown } | undefined)?.description;
    if (typeof description === 'string') {
      // "A cost tag, …" reads "must be a cost tag, …"; "ISO 639-1 …" keeps its capitals.
      const text = description.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
      detail = `must be ${/^[A-Z][a-z ]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text}`;
    }
  }
  if (best.keyword === 'discriminator')
    detail = `needs a valid "${String(best.params.tag)}" (see the API reference for the allowed values)`;
  return new ApiError(400, 'invalid_value', `${name} ${detail}; fix it and retry.`, param ? { param } : {});
}

const requestPointers = new Map<string, string | undefined>();

/** The JSON body the contract declares for an operation (openapi-typescript's type). */
export type JsonRequest<Id extends keyof operationTypes> = operationTypes[Id] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/**
 * Validates a request body against the contract's schema for the operation (by its id) and
 * content type; throws a 400 envelope. A JSON body that passes has the contract's type.
 */
export function assertRequest<Id extends OperationId & keyof operationTypes>(
  operationId: Id,
  contentType: 'application/json',
  body: unknown,
): asserts body is JsonRequest<Id>;
export function assertRequest(operationId: OperationId, contentType: string, body: unknown): void;
export function assertRequest(operationId: OperationId, contentType: string, body: unknown): void {
  const key = `${operationId} ${contentType}`;
  if (!requestPointers.has(key)) {
    const { method, path } = operation(operationId);
    requestPointers.set(key, requestSchemaPointer(method.toLowerCase(), path, contentType));
  }
  const pointer = requestPointers.get(key);
  if (!pointer) return;
  const validate = validatorAt(pointer);
  if (!validate(body)) throw toApiError(validate.errors ?? []);
}
