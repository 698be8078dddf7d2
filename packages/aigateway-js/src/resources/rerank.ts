import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, rerankSchema } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type RerankResponseSchema = Schemas['RerankResponse'];
export interface RerankResponse extends RerankResponseSchema {}
export type KnownRerankModel = Schemas['KnownRerankModel'];

/** Parameters of `rerank.create`. */
export interface RerankCreateParams extends Omit<Schemas['RerankRequest'], 'model'> {
  model: ModelId<KnownRerankModel>;
}

export class Rerank extends APIResource {
  /** Orders `documents` by relevance to `query` (highest first) (`POST /v1/rerank`). */
  create(body: RerankCreateParams, options?: RequestOptions): APIPromise<RerankResponse> {
    return this._client.post(paths.createRerank, {
      ...options,
      body,
      validate: [rerankSchema, 'rerank.create'],
    });
  }
}
