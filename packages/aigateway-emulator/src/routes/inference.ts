import type { Hono } from 'hono';
import { assertRequest } from '../domains/validation.js';
import { type Endpoint, execute } from '../domains/inference.js';
import { endpoints } from '../endpoints/registry.js';
import { type MultipartFile, parseJson, parseMultipart } from '../http/body.js';
import type { AppEnv, RequestState } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { json } from '../http/respond.js';

/** Request bodies up to this size are kept for replays. */
export const MAX_REPLAY_BODY_BYTES = 1024 * 1024;

const isFile = (v: unknown): v is MultipartFile => typeof v === 'object' && v !== null && 'bytes' in v;

/** Multipart fields as the contract's schema sees them: files as binary strings, numbers as numbers. */
function schemaView(fields: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (isFile(v)) view[k] = '<binary>';
    else if (k === 'temperature' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
      view[k] = Number(v);
    else view[k] = v;
  }
  return view;
}

/** Parses and validates an endpoint's body against the contract. */
export async function readInput(
  endpoint: Endpoint,
  state: RequestState,
  contentType: string | null,
): Promise<Record<string, unknown>> {
  if (!endpoint.multipart) {
    const body = parseJson(state.rawBody);
    assertRequest('post', endpoint.path, 'application/json', body);
    return body as Record<string, unknown>;
  }
  const fields = await parseMultipart(state.rawBody ?? new Uint8Array(0), contentType ?? '');
  const view = schemaView(fields);
  assertRequest('post', endpoint.path, 'multipart/form-data', view);
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

/** What the request log keeps for replays: the body, with uploaded files as base64. */
export function toStoredBody(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    out[k] = isFile(v)
      ? {
          filename: v.filename,
          content_type: v.content_type,
          data_base64: Buffer.from(v.bytes).toString('base64'),
        }
      : v;
  }
  return out;
}

/** The inverse of `toStoredBody`. */
export function fromStoredBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const f = v as { filename?: string; content_type?: string; data_base64?: string } | null;
    out[k] =
      f && typeof f === 'object' && typeof f.data_base64 === 'string'
        ? {
            filename: f.filename ?? 'file',
            content_type: f.content_type ?? '',
            bytes: Buffer.from(f.data_base64, 'base64'),
          }
        : v;
  }
  return out;
}

export function inferenceRoutes(app: Hono<AppEnv>): void {
  for (const endpoint of endpoints) {
    app.post(endpoint.path, async (c) => {
      const state = c.env;
      const input = await readInput(endpoint, state, c.req.header('content-type') ?? null);
      // Bodies are kept for replays up to a size, so the request log stays small.
      const keep = (state.rawBody?.length ?? 0) <= MAX_REPLAY_BODY_BYTES;
      state.replayable = {
        model: String(input.model ?? endpoint.defaultModel),
        body: keep ? toStoredBody(input) : null,
      };
      const outcome = await execute(endpoint, input, { core: state.core, state, headers: c.req.raw.headers });
      return outcome.response ?? json(outcome.body, outcome.status ?? 200);
    });
  }
}
