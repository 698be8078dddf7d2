import { Hono } from 'hono';
import { assertRequest } from '../../contract/validate.js';
import { parseJson } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { paginate } from '../../http/pagination.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import type { Ids } from '../../util/ids.js';
import type { SpendCaps } from '../accounts/spend-cap.js';
import { inferenceCall } from '../inference/routes.js';
import type { Evals } from './evals.js';
import type { Replays } from './replays.js';

export interface EvalsDomain {
  evals: Evals;
  replays: Replays;
  ids: Ids;
  caps: SpendCaps;
}

/** Eval runs (`/v1/evals`) and replays (`POST /v1/replays`). */
export function evalRoutes(domain: EvalsDomain, chain: Chain): Hono<AppEnv> {
  const { evals, replays, ids } = domain;
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);

  route('createEval', (c) => {
    const body = parseJson(c.var.rawBody);
    assertRequest('createEval', 'application/json', body);
    const { principal, requestId } = c.var;
    const record = evals.create(
      ids.prefixed('eval_'),
      body,
      {
        owner: principal.subAccountId,
        request_id: requestId,
        tag: c.var.tag,
        byok: false,
        fail: c.var.fault?.evalFail === true,
      },
      (cents) => domain.caps.admit(principal, cents, requestId),
    );
    return json(evals.snapshot(record, record.created_ms), 201);
  });

  route('listEvals', (c) => {
    const page = paginate(evals.list(c.var.principal), c.req.query('limit'), c.req.query('starting_after'));
    return json({ object: 'list', data: page.data.map((r) => evals.snapshot(r)), has_more: page.has_more });
  });

  route('retrieveEval', (c) => json(evals.snapshot(evals.get(c.req.param('id') ?? '', c.var.principal))));

  route('createReplay', async (c) => {
    const body = parseJson(c.var.rawBody);
    assertRequest('createReplay', 'application/json', body);
    return json(await replays.create(body, { ...inferenceCall(c), key: c.var.key }), 201);
  });
  return app;
}
