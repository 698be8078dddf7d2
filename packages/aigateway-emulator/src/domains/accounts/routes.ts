import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { assertRequest } from '../../contract/validate.js';
import { parseJson } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { paginate } from '../../http/pagination.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import { type Clock, monthBounds } from '../../runtime/clock.js';
import { roundCents } from '../../util/text.js';
import type { Accounts, SubAccountRecord } from './accounts.js';
import type { Metering } from './metering.js';
import type { SpendCaps } from './spend-cap.js';
import { subAccountObject } from './sub-account.js';

export interface AccountsDomain {
  accounts: Accounts;
  metering: Metering;
  caps: SpendCaps;
  clock: Clock;
}

/** Sub-accounts (`/v1/sub-accounts`, top-level key only) and spend per tag (`/v1/usage/by-tag`). */
export function accountRoutes(domain: AccountsDomain, chain: Chain): Hono<AppEnv> {
  const { accounts, metering, clock } = domain;
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  const rootOnly = {
    before: [
      createMiddleware<AppEnv>(async (c, next) => {
        accounts.requireRoot(c.var.principal);
        await next();
      }),
    ],
  };

  const subAccount = (r: SubAccountRecord) => subAccountObject(r, domain);

  route(
    'createSubAccount',
    (c) => {
      const body = parseJson(c.var.rawBody);
      assertRequest('createSubAccount', 'application/json', body);
      const { record, key } = accounts.create(body, clock.now());
      return json({ ...subAccount(record), key }, 201);
    },
    rootOnly,
  );

  route(
    'listSubAccounts',
    (c) => {
      const page = paginate(accounts.list(), c.req.query('limit'), c.req.query('starting_after'));
      return json({ object: 'list', data: page.data.map(subAccount), has_more: page.has_more });
    },
    rootOnly,
  );

  route('retrieveSubAccount', (c) => json(subAccount(accounts.get(c.req.param('id') ?? ''))), rootOnly);

  route(
    'updateSubAccount',
    (c) => {
      const body = parseJson(c.var.rawBody);
      assertRequest('updateSubAccount', 'application/json', body);
      return json(subAccount(accounts.update(c.req.param('id') ?? '', body)));
    },
    rootOnly,
  );

  route(
    'deleteSubAccount',
    (c) => {
      const id = c.req.param('id') ?? '';
      accounts.delete(id);
      return json({ id, object: 'sub_account', deleted: true });
    },
    rootOnly,
  );

  route('retrieveUsageByTag', (c) => {
    // Its form is checked against the contract before the handler (requestShape).
    const month = c.req.query('month') ?? monthBounds(clock.now()).month;
    const data = metering.byTag(month, c.var.principal.subAccountId);
    return json({
      object: 'usage.by_tag',
      month,
      total_cents: roundCents(data.reduce((s, r) => s + r.cost_cents, 0)),
      total_requests: data.reduce((s, r) => s + r.requests, 0),
      data,
    });
  });
  return app;
}
