import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import type { Jobs } from './jobs.js';

/** `GET /v1/jobs/{id}`; jobs are created by the generation endpoints (inference). */
export function jobRoutes(jobs: Jobs, chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  route('retrieveJob', (c) => json(jobs.snapshot(jobs.get(c.req.param('id') ?? '', c.var.principal))));
  return app;
}
