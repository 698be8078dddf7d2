import { createMiddleware } from 'hono/factory';
import { readBody, tooLarge } from '../body.js';
import type { AppEnv } from '../context.js';

/**
 * Reads the body of a POST or PATCH into `c.var.rawBody`, refusing more than `limit` bytes with
 * a 413 that gives the size. A server adapter may have read it already (`c.env.preread`).
 */
export const bodyLimit = (limit: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const preread = c.env.preread;
    if (preread?.bodyTooLarge)
      throw tooLarge(preread.bodyTooLarge === true ? undefined : preread.bodyTooLarge, limit);
    c.set('rawBody', preread?.body ?? (await readBody(c.req.raw, limit)));
    await next();
  });
