import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { embeddingSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

export type CreateEmbeddingResponse = Schemas['CreateEmbeddingResponse'];
export type KnownEmbeddingModel = Schemas['KnownEmbeddingModel'];

/** Parameters of `embeddings.create`. */
export interface EmbeddingCreateParams extends Omit<Schemas['EmbeddingRequest'], 'model'> {
  model: ModelId<KnownEmbeddingModel>;
}

export class Embeddings extends APIResource {
  /** Embeds text as vectors (`POST /v1/embeddings`). */
  create(body: EmbeddingCreateParams, options?: RequestOptions): APIPromise<CreateEmbeddingResponse> {
    return this._client.post(paths.createEmbedding, {
      ...options,
      body,
      validate: [embeddingSchema, 'embeddings.create'],
    });
  }
}
