import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { escapePointer, requestSchemaPointer, resolve } from '../../contract/document.js';
import type { Operation } from '../../contract/operations.js';
import { validatorAt } from '../../contract/validate.js';
import { rpcError } from '../../domains/mcp/transport-errors.js';
import { readsAsJson, unsupportedJsonBody } from '../content-type.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

interface HeaderParam {
  name: string;
  /** JSON pointer of the parameter's schema in the contract. */
  schema: string;
}

/** The header parameters the contract documents for an operation (path-level ones included). */
function headerParams(op: Operation): HeaderParam[] {
  const item = `#/paths/${escapePointer(op.path)}`;
  const lists = [`${item}/parameters`, `${item}/${op.method.toLowerCase()}/parameters`];
  return lists.flatMap((list) => {
    const params = resolve(list).value;
    return (Array.isArray(params) ? params : []).flatMap((_, i) => {
      const { value, pointer } = resolve(`${list}/${i}`);
      if (value?.in !== 'header') return [];
      return [{ name: String(value.name), schema: `${pointer}/schema` }];
    });
  });
}

/**
 * A header value the contract refuses, as one line naming the header and the rule it breaks. A
 * missing required header is left to the handler, whose message says where to get it.
 */
function headerProblem(param: HeaderParam, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const length = value.length;
  const validate = validatorAt(param.schema);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  const rule =
    e?.keyword === 'maxLength'
      ? `at most ${String(e.params.limit)} characters (got ${length})`
      : e?.keyword === 'minLength'
        ? `at least ${String(e.params.limit)} character${e.params.limit === 1 ? '' : 's'}`
        : e?.keyword === 'pattern'
          ? `of the form ${String(e.params.pattern)}`
          : (e?.message ?? 'valid');
  // The value is not echoed: it may be a key (x-byok-*).
  return `the ${param.name} header must be ${rule}`;
}

const jsonBody = (op: Operation) =>
  requestSchemaPointer(op.method.toLowerCase(), op.path, 'application/json') !== undefined;

/**
 * Checks what the contract says about a request besides its body: every documented header
 * (`x-aig-tag`, `x-byok-openai` up to 512 characters, `Mcp-Session-Id`…) on every operation, and
 * a JSON body's Content-Type (`application/json`, curl -d's form label or none; else 415). MCP
 * operations answer as JSON-RPC errors (`mcp: true`), the rest with the error envelope.
 */
export function requestShape(op: Operation, options: { mcp?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const params = headerParams(op);
  const checksType = jsonBody(op) && !op.path.startsWith('/mcp');
  return createMiddleware<AppEnv>(async (c, next) => {
    for (const param of params) {
      const problem = headerProblem(param, c.req.header(param.name));
      if (problem === undefined) continue;
      const message = `${problem[0]!.toUpperCase()}${problem.slice(1)}; fix it and retry.`;
      if (options.mcp) return rpcError(400, -32000, `Bad Request: ${message}`);
      throw new ApiError(400, 'invalid_value', message, { param: param.name });
    }
    const type = c.req.header('content-type');
    if (checksType && !readsAsJson(type)) throw unsupportedJsonBody(type);
    await next();
  });
}
