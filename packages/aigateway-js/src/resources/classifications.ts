import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { classificationSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type ClassificationResponseSchema = Schemas['ClassificationResponse'];
export interface ClassificationResponse extends ClassificationResponseSchema {}
export type KnownClassificationModel = Schemas['KnownClassificationModel'];

/** Parameters of `classifications.create`. */
export interface ClassificationCreateParams extends Omit<Schemas['ClassificationRequest'], 'model'> {
  model: ModelId<KnownClassificationModel>;
}

export class Classifications extends APIResource {
  /** Classifies text, optionally into your own `labels` (`POST /v1/classifications`). */
  create(body: ClassificationCreateParams, options?: RequestOptions): APIPromise<ClassificationResponse> {
    return this._client.post(paths.createClassification, {
      ...options,
      body,
      validate: [classificationSchema, 'classifications.create'],
    });
  }
}
