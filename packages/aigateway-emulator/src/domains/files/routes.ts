import { Hono } from 'hono';
import { assertRequest } from '../../contract/validate.js';
import { parseJson } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { bytesBody, json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import type { Clock } from '../../runtime/clock.js';
import { decodePath, type Files, MAX_EXPIRES_IN } from './files.js';

/** `GET /v1/files/{path}` (bearer key or a signed URL) and `POST /v1/files/signed-urls`. */
export function fileRoutes(files: Files, clock: Clock, chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);

  route('downloadFile', (c) => {
    // Decoded here, not by the router (which keeps a malformed escape as it is): that is a 400.
    const path = decodePath(new URL(c.req.url).pathname.slice('/v1/files/'.length));
    const signature = c.req.query('signature');
    const expires = c.req.query('expires');
    if (signature !== undefined || expires !== undefined)
      files.verify(path, expires ?? '', signature ?? '', clock.now());
    const record = files.get(path, signature !== undefined ? null : c.var.principal);
    const { bytes, contentType } = files.render(record);
    return new Response(bytesBody(bytes), {
      headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
    });
  });

  route('createSignedUrl', (c) => {
    const body = parseJson(c.var.rawBody);
    assertRequest('createSignedUrl', 'application/json', body);
    files.get(body.path, c.var.principal);
    const expiresAt = clock.now() + Math.min(body.expires_in ?? 3600, MAX_EXPIRES_IN);
    return json({
      object: 'signed_url',
      path: body.path,
      url: files.signedUrl(c.var.origin, body.path, expiresAt),
      expires_at: expiresAt,
    });
  });
  return app;
}
