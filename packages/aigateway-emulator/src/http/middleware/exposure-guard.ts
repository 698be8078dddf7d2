import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { Exposure } from '../exposure.js';

/**
 * Every route, `/mcp` and `/_emulator/*` included: a `Host` the emulator is not bound to is a 421
 * (a DNS-rebinding page reaches the port under its own name), and an `Origin` outside the
 * allow-list a 403 (a page elsewhere may not call it with the public dev key). Requests without
 * `Origin` (SDKs, curl) pass; MCP's origin check is the one the MCP specification asks for.
 */
export const exposureGuard = (exposure: Exposure) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const host = c.req.header('host');
    if (!exposure.hostAllowed(host)) {
      throw new ApiError(
        421,
        'misdirected_request',
        `This emulator does not answer to the host '${host}'; call it by the address it listens on (${exposure.publicOrigin}).`,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !exposure.originAllowed(origin)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        `Requests from the web page at ${origin} are not allowed. Pages on localhost and 127.0.0.1 are; start the emulator with --allow-origin ${origin} (option allowOrigins) to allow this one.`,
      );
    }
    await next();
  });
