import { Hono } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import { modelNotFound } from './catalog.js';
import { deprecationHeaders, type ModelLifecycles } from './lifecycle.js';

/** `GET /v1/models` and `GET /v1/models/{model}`, as of the emulator clock. */
export function catalogRoutes(lifecycles: ModelLifecycles, chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  // models.list is a hot path: the list is serialized once per lifecycle state.
  route(
    'listModels',
    () => new Response(lifecycles.listJson(), { headers: { 'content-type': 'application/json' } }),
  );
  // The slug's `/` comes unescaped or as `%2F`; Hono decodes the parameter either way.
  route('retrieveModel', (c) => {
    const slug = c.req.param('model') ?? '';
    const found = lifecycles.retrieve(slug);
    if (!found) throw modelNotFound(slug);
    return json(found.object, 200, found.notice && deprecationHeaders(found.notice));
  });
  return app;
}
