import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { imageSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type ImagesResponseSchema = Schemas['ImagesResponse'];
export interface ImagesResponse extends ImagesResponseSchema {}
export type KnownImageModel = Schemas['KnownImageModel'];

/** Parameters of `images.generate`. */
export interface ImageGenerateParams extends Omit<Schemas['ImageGenerationRequest'], 'model'> {
  model: ModelId<KnownImageModel>;
}

export class Images extends APIResource {
  /** Generates images from a prompt (`POST /v1/images/generations`). */
  generate(body: ImageGenerateParams, options?: RequestOptions): APIPromise<ImagesResponse> {
    return this._client.post(paths.createImage, {
      ...options,
      body,
      validate: [imageSchema, 'images.generate'],
    });
  }
}
