import type { Hono } from 'hono';
import { execute, type Outcome } from '../domains/inference.js';
import { assertRequest } from '../domains/validation.js';
import { endpointByPath } from '../endpoints/registry.js';
import { parseJson } from '../http/body.js';
import type { AppEnv } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { json } from '../http/respond.js';
import { fromStoredBody, MAX_REPLAY_BODY_BYTES, toStoredBody } from './inference.js';

/** A replay's `response` is always an object: JSON bodies as they are, text and audio wrapped. */
async function responseObject(outcome: Outcome): Promise<Record<string, unknown>> {
  if (!outcome.response) return outcome.body as Record<string, unknown>;
  const type = outcome.response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await outcome.response.arrayBuffer());
  if (type.startsWith('application/json'))
    return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('text/plain')) return { text: bytes.toString('utf8').trimEnd() };
  return { content_type: type, bytes: bytes.length, b64_data: bytes.toString('base64') };
}

export function replayRoutes(app: Hono<AppEnv>): void {
  app.post('/v1/replays', async (c) => {
    const state = c.env;
    const { core, principal } = state;
    const body = parseJson(state.rawBody) as { source_request_id: string; target_model: string };
    assertRequest('post', '/v1/replays', 'application/json', body);
    const source = core.requests.get(body.source_request_id, principal);
    const endpoint = source.endpoint ? endpointByPath.get(source.endpoint) : undefined;
    if (endpoint && !source.body) {
      throw new ApiError(
        400,
        'invalid_value',
        `Request ${source.id} had a body over ${MAX_REPLAY_BODY_BYTES / 1024 / 1024} MiB, which the emulator does not keep for replays; send that request again instead.`,
        { param: 'source_request_id' },
      );
    }
    if (!endpoint || !source.body) {
      throw new ApiError(
        400,
        'invalid_value',
        `Request ${source.id} (${source.method} ${source.path}) is not a model call, so it cannot be replayed; pass the X-Request-Id of an inference request.`,
        { param: 'source_request_id' },
      );
    }
    const input: Record<string, unknown> = {
      ...fromStoredBody(source.body as Record<string, unknown>),
      model: body.target_model,
    };
    if (endpoint.modality === 'chat') input.stream = false;
    // The new execution is a request of its own, billed and logged under a new id.
    const replayState = { ...state, requestId: core.ids.request(), replayable: undefined, fault: undefined };
    let outcome: Outcome;
    try {
      outcome = await execute(endpoint, input, { core, state: replayState, headers: c.req.raw.headers });
    } catch (e) {
      if (e instanceof ApiError && e.extra.param === 'model') e.extra.param = 'target_model';
      throw e;
    }
    const response = await responseObject(outcome);
    core.requests.add({
      id: replayState.requestId,
      method: 'POST',
      path: endpoint.path,
      status: outcome.status ?? 200,
      created_at: core.clock.now(),
      duration_ms: 0,
      sub_account_id: principal.subAccountId,
      key: state.key,
      tag: state.tag,
      model: body.target_model,
      endpoint: endpoint.path,
      body: toStoredBody(input),
    });
    const replay = {
      id: core.ids.prefixed('rpl_'),
      object: 'replay',
      source_request_id: source.id,
      source_model: source.model ?? '',
      target_model: body.target_model,
      endpoint: endpoint.path,
      request_id: replayState.requestId,
      response,
      created_at: core.clock.now(),
    };
    core.replays.set(replay.id, { id: replay.id, owner: principal.subAccountId, body: replay });
    core.changed();
    return json(replay, 201);
  });
}
