import type { Hono } from 'hono';
import { modelListJson, modelNotFound, modelObject } from '../domains/catalog.js';
import type { AppEnv } from '../http/context.js';
import { json } from '../http/respond.js';

export function catalogRoutes(app: Hono<AppEnv>): void {
  // The list is serialized once at start-up: models.list is a hot path.
  app.get(
    '/v1/models',
    () => new Response(modelListJson, { headers: { 'content-type': 'application/json' } }),
  );
  app.get('/v1/models/:model{.+}', (c) => {
    const raw = c.req.path.slice('/v1/models/'.length);
    let slug: string;
    try {
      slug = decodeURIComponent(raw);
    } catch {
      slug = raw;
    }
    const model = modelObject(slug);
    if (!model) throw modelNotFound(slug);
    return json(model);
  });
}
