import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { escapePointer, requestSchemaPointer, resolve } from '../../contract/document.js';
import type { Operation } from '../../contract/operations.js';
import { validatorAt } from '../../contract/validate.js';
import { rpcError } from '../../domains/mcp/transport-errors.js';
import { readsAsJson, unsupportedJsonBody } from '../content-type.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

interface Param {
  name: string;
  /** JSON pointer of the parameter's schema in the contract. */
  schema: string;
  /** Its schema's `type` (a query value is text; `integer` and `number` are read as numbers). */
  type: unknown;
  /** The contract's example value, shown with a pattern a query parameter breaks. */
  example: unknown;
}

/** The header or query parameters the contract documents for an operation (path-level ones included). */
function parameters(op: Operation, where: 'header' | 'query'): Param[] {
  const item = `#/paths/${escapePointer(op.path)}`;
  const lists = [`${item}/parameters`, `${item}/${op.method.toLowerCase()}/parameters`];
  return lists.flatMap((list) => {
    const params = resolve(list).value;
    return (Array.isArray(params) ? params : []).flatMap((_, i) => {
      const { value, pointer } = resolve(`${list}/${i}`);
      if (value?.in !== where) return [];
      const schema = `${pointer}/schema`;
      return [{ name: String(value.name), schema, type: resolve(schema).value?.type, example: value.example }];
    });
  });
}

const NUMERIC = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/**
 * A parameter value the contract refuses, as one line naming the parameter and the rule it breaks.
 * A missing required one is left to the handler, whose message says where to get it.
 */
function problem(param: Param, kind: 'header' | 'query parameter', raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const numeric = param.type === 'integer' || param.type === 'number';
  const value = numeric && NUMERIC.test(raw) ? Number(raw) : raw;
  const validate = validatorAt(param.schema);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  const bounds = resolve(param.schema).value ?? {};
  const rule =
    e?.keyword === 'maxLength'
      ? `at most ${String(e.params.limit)} characters (got ${raw.length})`
      : e?.keyword === 'minLength'
        ? `at least ${String(e.params.limit)} character${e.params.limit === 1 ? '' : 's'}`
        : e?.keyword === 'pattern'
          ? `of the form ${String(e.params.pattern)}${kind === 'query parameter' && param.example !== undefined ? ` (e.g. ${String(param.example)})` : ''}`
          : numeric
            ? `${param.type === 'integer' ? 'an integer' : 'a number'}${range(bounds.minimum, bounds.maximum)}`
            : (e?.message ?? 'valid');
  // The value is not echoed: it may be a key (x-byok-*).
  return `the ${param.name} ${kind} must be ${rule}`;
}

function range(min: unknown, max: unknown): string {
  if (typeof min === 'number' && typeof max === 'number') return ` from ${min} to ${max}`;
  if (typeof min === 'number') return ` of at least ${min}`;
  if (typeof max === 'number') return ` of at most ${max}`;
  return '';
}

const jsonBody = (op: Operation) =>
  requestSchemaPointer(op.method.toLowerCase(), op.path, 'application/json') !== undefined;

/**
 * Checks what the contract says about a request besides its body: every documented header
 * (`x-aig-tag`, `x-byok-openai` up to 512 characters, `Mcp-Session-Id`…) and query parameter
 * (`limit`, `month`, a signed URL's `expires`…) on every operation, and
 * a JSON body's Content-Type (`application/json`, curl -d's form label or none; else 415). MCP
 * operations answer as JSON-RPC errors (`mcp: true`), the rest with the error envelope.
 */
export function requestShape(op: Operation, options: { mcp?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const headers = parameters(op, 'header');
  // A signed URL's `expires` and `signature` are a credential: the file-signature check judges
  // them (403, as for a wrong signature), not the shape check (400).
  const query = op.security.includes('fileSignature') ? [] : parameters(op, 'query');
  const checksType = jsonBody(op) && !op.path.startsWith('/mcp');
  return createMiddleware<AppEnv>(async (c, next) => {
    const refuse = (param: Param, line: string) => {
      const message = `${line[0]!.toUpperCase()}${line.slice(1)}; fix it and retry.`;
      if (options.mcp) return rpcError(400, -32000, `Bad Request: ${message}`);
      throw new ApiError(400, 'invalid_value', message, { param: param.name });
    };
    for (const param of headers) {
      const line = problem(param, 'header', c.req.header(param.name));
      if (line !== undefined) return refuse(param, line);
    }
    for (const param of query) {
      const line = problem(param, 'query parameter', c.req.query(param.name));
      if (line !== undefined) return refuse(param, line);
    }
    const type = c.req.header('content-type');
    if (checksType && !readsAsJson(type)) throw unsupportedJsonBody(type);
    await next();
  });
}
