import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { isDropped } from '../drop.js';

const METHODS = 'GET, HEAD, POST, PATCH, DELETE, OPTIONS';
/** Request headers a page may send: the contract's, and MCP's Streamable HTTP ones. */
const ALLOWED_HEADER =
  /^(authorization|content-type|accept|idempotency-key|mcp-session-id|mcp-protocol-version|last-event-id|x-aig-[a-z0-9-]+|x-byok-[a-z0-9-]+|x-stainless-[a-z0-9-]+)$/;
/** Response headers a page may read. */
const EXPOSED = [
  'x-request-id',
  'retry-after',
  'idempotent-replayed',
  'mcp-session-id',
  'mcp-protocol-version',
  'deprecation',
  'sunset',
  'link',
  'www-authenticate',
  'allow',
].join(', ');

/**
 * CORS for the origins the exposure guard let through (it runs before this): a preflight
 * (`OPTIONS` with `Access-Control-Request-Method`) is answered here with 204, and every other
 * response carries `Access-Control-Allow-Origin` for the page's origin. No cookies are used, so
 * no credentials are allowed.
 */
export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  if (origin === undefined) return next();
  if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
    c.set('journal', false);
    const asked = (c.req.header('access-control-request-headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== '' && ALLOWED_HEADER.test(h));
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': METHODS,
        ...(asked.length > 0 ? { 'access-control-allow-headers': asked.join(', ') } : {}),
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    });
  }
  await next();
  if (isDropped(c.res)) return;
  try {
    c.res.headers.set('access-control-allow-origin', origin);
    c.res.headers.set('access-control-expose-headers', EXPOSED);
    c.res.headers.append('vary', 'Origin');
  } catch {
    // Immutable headers (a re-wrapped response): copy it, as request-context does.
    const copy = new Response(c.res.body, c.res);
    copy.headers.set('access-control-allow-origin', origin);
    copy.headers.set('access-control-expose-headers', EXPOSED);
    copy.headers.append('vary', 'Origin');
    c.res = undefined;
    c.res = copy;
  }
});
