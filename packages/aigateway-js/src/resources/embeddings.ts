import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { embeddingSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

/** An embedding vector: `number[]` for `encoding_format: 'float'` (the default), `string` for `'base64'`. */
export type EmbeddingVector = Schemas['EmbeddingVector'];

/** One input's embedding; `V` is its vector's type, set by the request's `encoding_format`. */
export interface Embedding<V extends EmbeddingVector = EmbeddingVector>
  extends Omit<Schemas['Embedding'], 'embedding'> {
  embedding: V;
}

/** `embeddings.create`'s result; `V` is the vectors' type, set by the request's `encoding_format`. */
export interface CreateEmbeddingResponse<V extends EmbeddingVector = EmbeddingVector>
  extends Omit<Schemas['CreateEmbeddingResponse'], 'data'> {
  data: Embedding<V>[];
}

export type KnownEmbeddingModel = Schemas['KnownEmbeddingModel'];

/** Parameters of `embeddings.create`. */
export interface EmbeddingCreateParams extends Omit<Schemas['EmbeddingRequest'], 'model'> {
  model: ModelId<KnownEmbeddingModel>;
}

export class Embeddings extends APIResource {
  /**
   * Embeds text as vectors (`POST /v1/embeddings`). Each `embedding` is a `number[]`, or with
   * `encoding_format: 'base64'` a base64 string of little-endian float32s.
   *
   * @example
   * const { data } = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'hello' });
   * const vector: number[] = data[0]!.embedding;
   */
  create(
    body: EmbeddingCreateParams & { encoding_format: 'base64' },
    options?: RequestOptions,
  ): APIPromise<CreateEmbeddingResponse<string>>;
  create(
    body: EmbeddingCreateParams & { encoding_format?: 'float' | undefined },
    options?: RequestOptions,
  ): APIPromise<CreateEmbeddingResponse<number[]>>;
  create(body: EmbeddingCreateParams, options?: RequestOptions): APIPromise<CreateEmbeddingResponse>;
  create(body: EmbeddingCreateParams, options?: RequestOptions): APIPromise<CreateEmbeddingResponse> {
    return this._client.post(paths.createEmbedding, {
      ...options,
      body,
      validate: [embeddingSchema, 'embeddings.create'],
    });
  }
}
