import { createMiddleware } from 'hono/factory';
import type { FaultPlan, Faults } from '../../domains/control/faults.js';
import type { AppEnv } from '../context.js';
import { drop, isDropped } from '../drop.js';
import { ApiError } from '../errors.js';
import { sleep } from '../respond.js';

function faultError(plan: FaultPlan, body: Uint8Array | undefined): ApiError {
  const injected = '(injected by x-aig-fault)';
  if (plan.status === 429) {
    const retryAfter = plan.retryAfter ?? 1;
    return new ApiError(
      429,
      'rate_limit_exceeded',
      `Rate limit reached ${injected}; retry after ${retryAfter} s.`,
      { retry_after: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
  if (plan.status === 502) {
    const provider = body
      ? (/"model"\s*:\s*"([^"/]+)\//.exec(Buffer.from(body).toString('utf8', 0, 4096))?.[1] ?? 'upstream')
      : 'upstream';
    return new ApiError(
      502,
      'provider_error',
      `${provider} returned 503 ${injected}; retry once, or pick another model.`,
      { provider },
    );
  }
  return new ApiError(
    500,
    'internal_error',
    `Something went wrong on the gateway ${injected}; retry with backoff.`,
  );
}

/**
 * Decides the request's faults (`x-aig-fault` on top of matching control rules) into
 * `c.var.fault`, and carries out `drop=after` once the request was fully processed (and, with an
 * `Idempotency-Key`, its response stored).
 */
export const planFaults = (faults: Faults) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const plan = faults.plan(c.req.method, new URL(c.req.url).pathname, c.req.header('x-aig-fault'));
    c.set('fault', plan);
    await next();
    if (plan?.drop === 'after' && !isDropped(c.res)) {
      await c.res.body?.cancel().catch(() => undefined);
      c.res = undefined;
      c.res = drop();
    }
  });

/** The faults that replace processing: `drop=before`, `latency=`, `status=` (inside the idempotency check). */
export const injectFaults = createMiddleware<AppEnv>(async (c, next) => {
  const plan = c.var.fault;
  if (plan?.drop === 'before') return drop();
  // A streamed chat applies latency as time-to-first-token, after the headers.
  if (plan?.latencyMs) {
    const streamed =
      c.var.operation?.operationId === 'createChatCompletion' &&
      /"stream"\s*:\s*true/.test(Buffer.from(c.var.rawBody ?? []).toString());
    if (!streamed) await sleep(plan.latencyMs);
  }
  if (plan?.status) throw faultError(plan, c.var.rawBody);
  await next();
});
