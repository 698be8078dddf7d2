import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, replaySchema } from '../core/schemas.js';
import type { Schemas } from '../core/types.js';

/**
 * A replay; `response` is the new execution's result: the endpoint's JSON body, or for the two
 * results that are not JSON, `{ content_type, bytes, b64_data }` (speech audio, base64) and
 * `{ text }` (a `response_format: 'text'` transcription).
 */
export type Replay = Schemas['Replay'];
export type ReplayCreateParams = Schemas['ReplayRequest'];

export class Replays extends APIResource {
  /**
   * Re-runs a past request on another model (`POST /v1/replays`).
   *
   * @example
   * const replay = await client.replays.create({ source_request_id: 'req_…', target_model: 'anthropic/claude-opus-4.7' });
   */
  create(body: ReplayCreateParams, options?: RequestOptions): APIPromise<Replay> {
    return this._client.post(paths.createReplay, {
      ...options,
      body,
      validate: [replaySchema, 'replays.create'],
    });
  }
}
