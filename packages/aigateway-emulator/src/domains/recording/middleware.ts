import { createMiddleware } from 'hono/factory';
import { readBody, tooLarge } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { forward } from './proxy.js';
import type { Recording } from './recording.js';
import { replay } from './replay.js';

/** The gateway's own paths; the emulator's (`/_emulator/*`, the console, the MCP inspector) are never forwarded. */
const isGatewayPath = (path: string, mcp: boolean) =>
  path === '/v1' ||
  path.startsWith('/v1/') ||
  (mcp && (path === '/mcp' || path.startsWith('/mcp/')) && path !== '/mcp/inspect');

/**
 * With `proxy`, forwards `/v1` and `/mcp` requests upstream; with `replay`, answers `/v1`
 * requests from cassettes and lets a miss through to the emulation (or fails it). Sits inside the
 * request log, so the journal sees proxied and replayed requests too.
 */
export const recordingMiddleware = (rec: Recording, maxBodyBytes: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!isGatewayPath(c.req.path, rec.mode === 'proxy')) return next();
    let body: Uint8Array | undefined;
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'DELETE') {
      const preread = c.env?.preread;
      if (preread?.bodyTooLarge)
        throw tooLarge(preread.bodyTooLarge === true ? undefined : preread.bodyTooLarge, maxBodyBytes);
      body = preread?.body ?? (await readBody(c.req.raw, maxBodyBytes));
      // The journal keeps proxied and replayed bodies too.
      c.set('rawBody', body);
    }
    if (rec.mode === 'proxy') return forward(c, rec, body);
    const replayed = replay(c, rec, body);
    if (replayed) return replayed;
    // A miss falls through to the emulation, which reads the body from here.
    if (body && c.env) c.env.preread = { body };
    await next();
  });
