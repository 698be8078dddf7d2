import { operation } from '../../contract/operations.js';
import { ApiError } from '../../http/errors.js';
import type { StatePart } from '../../runtime/state.js';
import type { KeyKind } from '../accounts/accounts.js';
import { redactHeaders } from '../control/redact.js';
import type { RequestLog } from '../control/requests.js';
import { execute, type InferenceCall, type InferenceServices, type Outcome } from '../inference/endpoint.js';
import { endpointByPath } from '../inference/endpoints/registry.js';
import { fromStoredBody, MAX_REPLAY_BODY_BYTES, toStoredBody } from '../inference/stored-body.js';

export interface ReplayRecord {
  id: string;
  owner: string | null;
  body: Record<string, unknown>;
}

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

/** Replays: a logged inference request run again on another model, billed and logged as a request of its own. */
export class Replays implements StatePart<{ replays: ReplayRecord[] }> {
  private readonly records = new Map<string, ReplayRecord>();

  constructor(
    private readonly requests: RequestLog,
    private readonly services: InferenceServices,
    private readonly changed: () => void,
  ) {}

  async create(
    body: { source_request_id: string; target_model: string },
    call: InferenceCall & { key: KeyKind | null },
  ): Promise<Record<string, unknown>> {
    const { ids, clock } = this.services;
    const source = this.requests.get(body.source_request_id, call.principal);
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
      // Only a multipart request had files; a JSON member that looks like a stored one is JSON.
      ...(endpoint.multipart ? fromStoredBody(source.body as Record<string, unknown>) : source.body),
      model: body.target_model,
    };
    if (endpoint.modality === 'chat') input.stream = false;
    // The new execution is a request of its own, billed and logged under a new id.
    const replayCall: InferenceCall = { ...call, requestId: ids.request(), fault: undefined };
    let outcome: Outcome;
    try {
      outcome = await execute(endpoint, input, this.services, replayCall);
    } catch (e) {
      if (e instanceof ApiError && e.extra.param === 'model') e.extra.param = 'target_model';
      throw e;
    }
    const response = await responseObject(outcome);
    const { path } = operation(endpoint.operationId);
    const stored = toStoredBody(input);
    this.requests.add({
      id: replayCall.requestId,
      method: 'POST',
      path,
      status: outcome.status ?? 200,
      created_at: clock.now(),
      duration_ms: 0,
      sub_account_id: call.principal.subAccountId,
      key: call.key,
      tag: call.tag,
      model: body.target_model,
      endpoint: path,
      query: null,
      headers: redactHeaders(call.headers),
      body: stored,
      body_bytes: Buffer.byteLength(JSON.stringify(stored)),
      scenario: null,
    });
    const replay = {
      id: ids.prefixed('rpl_'),
      object: 'replay',
      source_request_id: source.id,
      source_model: source.model ?? '',
      target_model: body.target_model,
      endpoint: path,
      request_id: replayCall.requestId,
      response,
      created_at: clock.now(),
    };
    this.records.set(replay.id, { id: replay.id, owner: call.principal.subAccountId, body: replay });
    this.changed();
    return replay;
  }

  get count(): number {
    return this.records.size;
  }

  save() {
    return { replays: [...this.records.values()] };
  }

  load(saved: { replays?: ReplayRecord[] }): void {
    for (const r of saved.replays ?? []) this.records.set(r.id, r);
  }

  clear(): void {
    this.records.clear();
  }
}
