import { createMiddleware } from 'hono/factory';
import type { RequestLog } from '../../domains/control/requests.js';
import type { Clock } from '../../runtime/clock.js';
import type { AppEnv } from '../context.js';

/**
 * Keeps every request (but the control API's and the console's) in the request log once it is answered: replays
 * read inference requests back from it, and the request id an error quotes can be looked up.
 */
export const requestLog = (log: RequestLog, clock: Clock) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    await next();
    if (!c.var.journal) return;
    const replayable = c.var.replayable;
    log.add({
      id: c.var.requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      created_at: clock.now(),
      duration_ms: Date.now() - started,
      sub_account_id: c.var.principal.subAccountId,
      key: c.var.key,
      tag: c.var.tag,
      model: replayable?.model ?? null,
      endpoint: replayable ? (c.var.operation?.path ?? null) : null,
      body: replayable?.body ?? null,
    });
  });
