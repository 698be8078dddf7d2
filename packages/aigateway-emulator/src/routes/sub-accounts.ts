import type { Hono } from 'hono';
import type { Core } from '../core.js';
import type { SubAccountInput, SubAccountRecord } from '../domains/accounts.js';
import { monthBounds } from '../domains/clock.js';
import { assertRequest } from '../domains/validation.js';
import { parseJson } from '../http/body.js';
import type { AppEnv } from '../http/context.js';
import { json } from '../http/respond.js';
import { paginate } from './pagination.js';

/** The contract's SubAccount object (never the key hash). */
export function subAccountObject(core: Core, r: SubAccountRecord) {
  const now = core.clock.now();
  const period = monthBounds(now);
  return {
    id: r.id,
    object: 'sub_account' as const,
    name: r.name,
    spend_cap_cents: r.spend_cap_cents,
    rate_limit_rpm: r.rate_limit_rpm,
    default_tag: r.default_tag,
    metadata: r.metadata,
    key_prefix: r.key_prefix,
    spent_cents: core.metering.spent(r.id, now),
    current_period_start: period.start,
    current_period_end: period.end,
    created_at: r.created_at,
  };
}

export function subAccountRoutes(app: Hono<AppEnv>): void {
  app.use('/v1/sub-accounts/*', async (c, next) => {
    c.env.core.accounts.requireRoot(c.env.principal);
    await next();
  });
  app.use('/v1/sub-accounts', async (c, next) => {
    c.env.core.accounts.requireRoot(c.env.principal);
    await next();
  });

  app.post('/v1/sub-accounts', (c) => {
    const { core, rawBody } = c.env;
    const body = parseJson(rawBody);
    assertRequest('post', '/v1/sub-accounts', 'application/json', body);
    const { record, key } = core.accounts.create(
      body as SubAccountInput & { name: string },
      core.clock.now(),
    );
    return json({ ...subAccountObject(core, record), key }, 201);
  });

  app.get('/v1/sub-accounts', (c) => {
    const { core } = c.env;
    const page = paginate(core.accounts.list(), c.req.query('limit'), c.req.query('starting_after'));
    return json({
      object: 'list',
      data: page.data.map((r) => subAccountObject(core, r)),
      has_more: page.has_more,
    });
  });

  app.get('/v1/sub-accounts/:id', (c) => {
    const { core } = c.env;
    return json(subAccountObject(core, core.accounts.get(c.req.param('id'))));
  });

  app.patch('/v1/sub-accounts/:id', (c) => {
    const { core, rawBody } = c.env;
    const body = parseJson(rawBody);
    assertRequest('patch', '/v1/sub-accounts/{id}', 'application/json', body);
    return json(subAccountObject(core, core.accounts.update(c.req.param('id'), body as SubAccountInput)));
  });

  app.delete('/v1/sub-accounts/:id', (c) => {
    const { core } = c.env;
    const id = c.req.param('id');
    core.accounts.delete(id);
    return json({ id, object: 'sub_account', deleted: true });
  });
}
