import type { Hono } from 'hono';
import { MAX_EXPIRES_IN } from '../domains/files.js';
import { assertRequest } from '../domains/validation.js';
import { parseJson } from '../http/body.js';
import type { AppEnv } from '../http/context.js';
import { bytesBody, json } from '../http/respond.js';

export function fileRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/files/:path{.+}', (c) => {
    const { core, principal } = c.env;
    const path = decodeURIComponent(c.req.path.slice('/v1/files/'.length));
    const signature = c.req.query('signature');
    if (signature !== undefined)
      core.files.verify(path, c.req.query('expires') ?? '', signature, core.clock.now());
    const record = core.files.get(path, signature !== undefined ? null : principal);
    const { bytes, contentType } = core.files.render(record);
    return new Response(bytesBody(bytes), {
      headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
    });
  });

  app.post('/v1/files/signed-urls', (c) => {
    const { core, principal, rawBody, origin } = c.env;
    const body = parseJson(rawBody) as { path: string; expires_in?: number };
    assertRequest('post', '/v1/files/signed-urls', 'application/json', body);
    core.files.get(body.path, principal);
    const expiresAt = core.clock.now() + Math.min(body.expires_in ?? 3600, MAX_EXPIRES_IN);
    return json({
      object: 'signed_url',
      path: body.path,
      url: core.files.signedUrl(origin, body.path, expiresAt),
      expires_at: expiresAt,
    });
  });
}
