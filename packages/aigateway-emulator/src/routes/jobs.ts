import type { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { json } from '../http/respond.js';

export function jobRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/jobs/:id', (c) => {
    const { core, principal } = c.env;
    return json(core.jobs.snapshot(core.jobs.get(c.req.param('id'), principal)));
  });
}
