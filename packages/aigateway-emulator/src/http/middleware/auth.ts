import { headers } from 'aigateway-contract';
import { createMiddleware } from 'hono/factory';
import { type Accounts, keyKind, ROOT } from '../../domains/accounts/accounts.js';
import type { RateLimiter } from '../../domains/accounts/rate-limit.js';
import type { Clock } from '../../runtime/clock.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

const TAG = new RegExp(headers.tag.pattern);

const faultNeedsKey = () =>
  new ApiError(
    401,
    'missing_api_key',
    'x-aig-fault needs the API key: send Authorization: Bearer <key> with it (a signed URL alone cannot inject faults), or drop the header.',
  );

export interface AuthOptions {
  /** A request carrying `signature` (a signed file URL) needs no key: the handler checks the signature. */
  signedUrl?: boolean;
}

/**
 * Bearer auth for a `/v1` operation, then what depends on the caller: the sub-account's rate
 * limit and the cost tag (`x-aig-tag`, else the sub-account's default).
 */
export const auth = (accounts: Accounts, rateLimiter: RateLimiter, clock: Clock, options: AuthOptions = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // `x-aig-fault` needs the key even on a signed URL: a link handed out must not inject faults.
    const fault = c.req.header('x-aig-fault') !== undefined;
    const signed = options.signedUrl === true && c.req.query('signature') !== undefined && !fault;
    if (fault && !c.req.header('authorization')) throw faultNeedsKey();
    const principal = signed ? ROOT : accounts.authenticate(c.req.header('authorization'));
    c.set('principal', principal);
    c.set('key', signed ? null : keyKind(principal));
    const id = principal.subAccountId;
    const sub = id === null ? undefined : accounts.find(id);
    if (sub?.rate_limit_rpm) rateLimiter.hit(sub.id, sub.rate_limit_rpm, clock.nowMs());
    const tag = c.req.header('x-aig-tag') ?? null;
    if (tag !== null && !TAG.test(tag)) {
      throw new ApiError(
        400,
        'invalid_value',
        `x-aig-tag must be ${headers.tag.minLength}–${headers.tag.maxLength} characters of A-Z a-z 0-9 . _ : - (e.g. "summarize").`,
        { param: 'x-aig-tag' },
      );
    }
    c.set('tag', tag ?? sub?.default_tag ?? null);
    await next();
  });

/** MCP's auth: the key only; rate limits and tags apply to the HTTP calls its tools make. */
export const mcpAuth = (accounts: Accounts) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = accounts.authenticate(c.req.header('authorization'));
    c.set('principal', principal);
    c.set('key', keyKind(principal));
    c.set('tag', c.req.header('x-aig-tag') ?? null);
    await next();
  });
