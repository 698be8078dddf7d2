import { type Context, Hono } from 'hono';
import { operation } from '../../contract/operations.js';
import { requestSchemaPointer, resolve } from '../../contract/document.js';
import { assertRequest } from '../../contract/validate.js';
import { parseJson, parseMultipart } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { deprecationHeaders } from '../catalog/lifecycle.js';
import { json } from '../../http/respond.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import { type Endpoint, execute, type InferenceCall, type InferenceServices } from './endpoint.js';
import { endpoints } from './endpoints/registry.js';
import { isFile, MAX_REPLAY_BODY_BYTES, toStoredBody } from './stored-body.js';

/** The properties of an operation's multipart schema that are arrays. */
function arrayFields(path: string): Set<string> {
  const pointer = requestSchemaPointer('post', path, 'multipart/form-data');
  const schema = pointer ? resolve(pointer).value : undefined;
  const props = (schema?.properties ?? {}) as Record<string, { type?: unknown }>;
  return new Set(Object.keys(props).filter((k) => props[k]?.type === 'array'));
}

/**
 * Multipart fields as the contract's schema sees them: files as binary strings, numbers as
 * numbers, an array field sent once (`-F timestamp_granularities=word`) as a one-item array.
 */
function schemaView(fields: Record<string, unknown>, arrays: Set<string>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (isFile(v)) view[k] = '<binary>';
    else if (arrays.has(k) && typeof v === 'string') view[k] = [v];
    else if (k === 'temperature' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
      view[k] = Number(v);
    else view[k] = v;
  }
  return view;
}

/** Parses and validates an endpoint's body against the contract. */
async function readInput(
  endpoint: Endpoint,
  rawBody: Uint8Array | undefined,
  contentType: string | undefined,
): Promise<Record<string, unknown>> {
  const { path } = operation(endpoint.operationId);
  if (!endpoint.multipart) {
    const body = parseJson(rawBody);
    assertRequest(endpoint.operationId, 'application/json', body);
    return body as Record<string, unknown>;
  }
  const fields = await parseMultipart(rawBody ?? new Uint8Array(0), contentType ?? '');
  const view = schemaView(fields, arrayFields(path));
  assertRequest(endpoint.operationId, 'multipart/form-data', view);
  if (!isFile(fields.file)) {
    throw new ApiError(
      400,
      'invalid_type',
      'file must be an uploaded file (a multipart file field with a filename), not a text field.',
      { param: 'file' },
    );
  }
  return { ...view, file: fields.file };
}

/** The call an inference request makes, from what the middleware learnt about it. */
export const inferenceCall = (c: Context<AppEnv>): InferenceCall => ({
  requestId: c.var.requestId,
  principal: c.var.principal,
  tag: c.var.tag,
  origin: c.var.origin,
  fault: c.var.fault,
  headers: c.req.raw.headers,
  scripted: c.var.scripted,
});

/** One route per inference endpoint (the generation endpoints queue jobs). */
export function inferenceRoutes(services: InferenceServices, chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  for (const endpoint of endpoints) {
    route(endpoint.operationId, async (c) => {
      const rawBody = c.var.rawBody;
      const input = await readInput(endpoint, rawBody, c.req.header('content-type'));
      // Bodies are kept for replays up to a size, so the request log stays small.
      const keep = (rawBody?.length ?? 0) <= MAX_REPLAY_BODY_BYTES;
      c.set('replayable', {
        model: String(input.model ?? endpoint.defaultModel),
        body: keep ? toStoredBody(input) : null,
      });
      const outcome = await execute(endpoint, input, services, inferenceCall(c));
      const deprecation = outcome.deprecation && deprecationHeaders(outcome.deprecation);
      if (!outcome.response) return json(outcome.body, outcome.status ?? 200, deprecation);
      if (!deprecation) return outcome.response;
      // Headers go in at construction: @hono/node-server's Response drops ones set afterwards.
      const { headers, status } = outcome.response;
      const merged = new Headers(headers);
      for (const [name, value] of Object.entries(deprecation)) merged.set(name, value);
      return new Response(outcome.response.body, { status, headers: merged });
    });
  }
  return app;
}
