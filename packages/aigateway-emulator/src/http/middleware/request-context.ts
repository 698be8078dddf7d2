import { createMiddleware } from 'hono/factory';
import { ROOT } from '../../domains/accounts/accounts.js';
import type { RequestLogEntry } from '../../options.js';
import type { AppEnv } from '../context.js';
import { isDropped } from '../drop.js';

/**
 * The outermost middleware: gives the request its id and defaults, and once answered stamps
 * `X-Request-Id` on the response (every response has one, success or error) and reports it.
 */
export const requestContext = (
  newId: () => string,
  publicOrigin: () => string,
  onRequest: ((entry: RequestLogEntry) => void) | undefined,
) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    const requestId = newId();
    const url = new URL(c.req.url);
    c.set('requestId', requestId);
    c.set('origin', publicOrigin());
    c.set('operation', undefined);
    c.set('principal', ROOT);
    c.set('key', null);
    c.set('tag', null);
    c.set('rawBody', undefined);
    c.set('fault', undefined);
    c.set('replayable', undefined);
    c.set('journal', true);
    c.set('scenario', null);
    c.set('scripted', undefined);
    await next();
    const dropped = isDropped(c.res);
    if (!dropped && !c.res.headers.has('x-request-id')) {
      try {
        c.res.headers.set('x-request-id', requestId);
      } catch {
        // Immutable headers (a fetched or re-wrapped response): copy it. `undefined` first, or
        // Hono would merge the old headers into yet another copy.
        const copy = new Response(c.res.body, c.res);
        copy.headers.set('x-request-id', requestId);
        c.res = undefined;
        c.res = copy;
      }
    }
    onRequest?.({
      method: c.req.method,
      path: url.pathname,
      status: dropped ? 0 : c.res.status,
      durationMs: Date.now() - started,
      requestId,
    });
  });
