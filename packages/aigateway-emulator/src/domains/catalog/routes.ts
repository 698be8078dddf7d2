import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import { modelListJson, modelNotFound, modelObject } from './catalog.js';

/** `GET /v1/models` and `GET /v1/models/{model}`. */
export function catalogRoutes(chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  // The list is serialized once at start-up: models.list is a hot path.
  route('listModels', () => new Response(modelListJson, { headers: { 'content-type': 'application/json' } }));
  // The slug's `/` comes unescaped or as `%2F`; Hono decodes the parameter either way.
  route('retrieveModel', (c) => {
    const slug = c.req.param('model') ?? '';
    const model = modelObject(slug);
    if (!model) throw modelNotFound(slug);
    return json(model);
  });
  return app;
}
