import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { moderationSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type ModerationCreateResponseSchema = Schemas['ModerationResponse'];
export interface ModerationCreateResponse extends ModerationCreateResponseSchema {}
type ModerationSchema = Schemas['ModerationResult'];
export interface Moderation extends ModerationSchema {}
export type KnownModerationModel = Schemas['KnownModerationModel'];

/** Parameters of `moderations.create`. */
export interface ModerationCreateParams extends Omit<Schemas['ModerationRequest'], 'model'> {
  /** @default 'meta/llama-guard-3-8b' */
  model?: ModelId<KnownModerationModel>;
}

export class Moderations extends APIResource {
  /** Classifies content for policy violations (`POST /v1/moderations`). */
  create(body: ModerationCreateParams, options?: RequestOptions): APIPromise<ModerationCreateResponse> {
    return this._client.post(paths.createModeration, {
      ...options,
      body,
      validate: [moderationSchema, 'moderations.create'],
    });
  }
}
