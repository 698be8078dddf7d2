import type { Context, Hono, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { honoPath, literalPathsMatching, type Operation, operation } from '../contract/operations.js';
import type { Accounts } from '../domains/accounts/accounts.js';
import type { RateLimiter } from '../domains/accounts/rate-limit.js';
import type { Faults } from '../domains/control/faults.js';
import type { Scenarios } from '../domains/control/scenarios.js';
import type { Clock } from '../runtime/clock.js';
import type { AppEnv } from './context.js';
import { auth, mcpAuth } from './middleware/auth.js';
import { bodyLimit } from './middleware/body-limit.js';
import { injectFaults, planFaults } from './middleware/faults.js';
import { requestShape } from './middleware/request-shape.js';
import { idempotency } from './middleware/idempotency.js';
import { scenarioReplies } from './middleware/scenarios.js';
import { unknownPath } from './unknown-path.js';
import type { IdempotencyStore } from './middleware/idempotency-store.js';

export type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** The middleware an operation runs before its handler. */
export type Chain = (op: Operation) => MiddlewareHandler<AppEnv>[];

export interface RouteOptions {
  /** Middleware right before the handler, after the chain's (a role check). */
  before?: MiddlewareHandler<AppEnv>[];
}

/** What a domain registers its operations with. */
export type Route = (operationId: string, handler: Handler, options?: RouteOptions) => void;

/**
 * Registers contract operations on a domain's `app`: the method and path come from the
 * contract; `chain` decides the middleware (auth, body limit, faults, idempotency).
 */
export function operationRoutes(app: Hono<AppEnv>, chain: Chain): Route {
  return (operationId, handler, options = {}) => {
    const op = operation(operationId);
    const literals = literalPathsMatching(op.path);
    const named = createMiddleware<AppEnv>(async (c, next) => {
      // The router would take GET /v1/files/signed-urls for a file: the literal path's 405 wins.
      if (literals.size > 0) {
        const path = new URL(c.req.url).pathname;
        if (literals.has(path)) throw unknownPath(c.req.method, path);
      }
      c.set('operation', op);
      await next();
    });
    app.on(op.method, honoPath(op.path), named, ...chain(op), ...(options.before ?? []), handler);
  };
}

export interface V1ChainDeps {
  accounts: Accounts;
  rateLimiter: RateLimiter;
  clock: Clock;
  faults: Faults;
  idempotency: IdempotencyStore;
  scenarios: Scenarios;
  maxBodyBytes: number;
}

/**
 * The shared path of every `/v1` operation, in order: auth (the schemes the contract allows it),
 * rate limit and tag, the documented headers and Content-Type, body limit, faults, the
 * `Idempotency-Key` check, scripted replies, then injected faults.
 */
export function v1Chain(deps: V1ChainDeps): Chain {
  const bearer = auth(deps.accounts, deps.rateLimiter, deps.clock);
  const bearerOrSigned = auth(deps.accounts, deps.rateLimiter, deps.clock, { signedUrl: true });
  const body = bodyLimit(deps.maxBodyBytes);
  const faults = planFaults(deps.faults);
  const idempotent = idempotency(deps.idempotency, deps.clock);
  const scripted = scenarioReplies(deps.scenarios);
  return (op) => [
    op.security.includes('fileSignature') ? bearerOrSigned : bearer,
    requestShape(op),
    ...(op.method === 'POST' || op.method === 'PATCH' ? [body] : []),
    faults,
    ...(op.method === 'POST' ? [idempotent] : []),
    scripted,
    injectFaults,
  ];
}

/** MCP's path: the key when the contract asks for one, its headers; the transport reads its own body. */
export function mcpChain(accounts: Accounts): Chain {
  const key = mcpAuth(accounts);
  return (op) => [...(op.security.length > 0 ? [key] : []), requestShape(op, { mcp: true })];
}
