import type { Hono } from 'hono';
import type { EvalInput } from '../domains/evals.js';
import { assertWithinCap } from '../domains/inference.js';
import { assertRequest } from '../domains/validation.js';
import { parseJson } from '../http/body.js';
import type { AppEnv } from '../http/context.js';
import { json } from '../http/respond.js';
import { paginate } from './pagination.js';

export function evalRoutes(app: Hono<AppEnv>): void {
  app.post('/v1/evals', (c) => {
    const { core, rawBody, principal, requestId, tag, fault } = c.env;
    const body = parseJson(rawBody);
    assertRequest('post', '/v1/evals', 'application/json', body);
    assertWithinCap(core, principal);
    const record = core.evals.create(core.ids.prefixed('eval_'), body as EvalInput, {
      owner: principal.subAccountId,
      request_id: requestId,
      tag,
      byok: false,
      fail: fault?.evalFail === true,
    });
    return json(core.evals.snapshot(record, record.created_ms), 201);
  });

  app.get('/v1/evals', (c) => {
    const { core, principal } = c.env;
    const page = paginate(core.evals.list(principal), c.req.query('limit'), c.req.query('starting_after'));
    return json({
      object: 'list',
      data: page.data.map((r) => core.evals.snapshot(r)),
      has_more: page.has_more,
    });
  });

  app.get('/v1/evals/:id', (c) => {
    const { core, principal } = c.env;
    return json(core.evals.snapshot(core.evals.get(c.req.param('id'), principal)));
  });
}
