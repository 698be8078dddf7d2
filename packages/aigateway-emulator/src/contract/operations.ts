import { type Operation as WireOperation, operations as wireOperations } from 'aigateway-contract';

/** One operation of the contract: how it is called (the generated wire facts, with its id). */
export interface Operation {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The contract's path template, e.g. `/v1/jobs/{id}`. */
  path: string;
  /** The security schemes it accepts, any one of them (`bearerAuth`, `fileSignature`); none: public. */
  security: readonly string[];
}

const served = (op: WireOperation): op is WireOperation & { method: Operation['method'] } =>
  op.method === 'GET' || op.method === 'POST' || op.method === 'PATCH' || op.method === 'DELETE';

/** Every operation of the contract, in its order. */
export const operations: readonly Operation[] = Object.entries(wireOperations).map(
  ([operationId, op]: [string, WireOperation]) => {
    // A method the emulator has no routes for is a contract change it must learn first.
    if (!served(op)) throw new Error(`${op.method} ${op.path}: the emulator serves no ${op.method} operations.`);
    return { operationId, method: op.method, path: op.path, security: op.security };
  },
);

const byId = new Map(operations.map((op) => [op.operationId, op]));

/** The operation named `operationId`; a name the contract lacks is a bug in the emulator. */
export function operation(operationId: string): Operation {
  const op = byId.get(operationId);
  if (!op) throw new Error(`The contract has no operation '${operationId}'.`);
  return op;
}

// The contract says these path parameters carry a `/` unescaped (`/v1/models/openai/gpt-5.4`).
const MULTI_SEGMENT = new Set(['model', 'path']);

/**
 * Hono's route pattern for a template: `{id}` → `:id`; multi-segment parameters take the rest of
 * the path, line breaks included (Hono matches the decoded path, where `%0A` is one; `.` is not).
 */
export function honoPath(template: string): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) =>
    MULTI_SEGMENT.has(name) ? `:${name}{[\\s\\S]+}` : `:${name}`,
  );
}

/** A matcher for a template (`{id}` one segment, multi-segment parameters one or more). */
export function templatePattern(template: string): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => (MULTI_SEGMENT.has(name) ? '.+' : '[^/]+'));
}

/**
 * The contract's literal paths that `template` matches too (`/v1/files/{path}` matches
 * `/v1/files/signed-urls`): OpenAPI matches a literal path before a template, so these are never
 * the template's.
 */
export function literalPathsMatching(template: string): ReadonlySet<string> {
  const re = new RegExp(`^${templatePattern(template)}$`);
  return new Set(
    operations
      .map((op) => op.path)
      .filter((path) => path !== template && !path.includes('{') && re.test(path)),
  );
}
