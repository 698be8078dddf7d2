import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { detectionSchema, paths } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type DetectionResponseSchema = Schemas['DetectionResponse'];
export interface DetectionResponse extends DetectionResponseSchema {}
export type KnownDetectionModel = Schemas['KnownDetectionModel'];

/** Parameters of `detections.create`. */
export interface DetectionCreateParams extends Omit<Schemas['DetectionRequest'], 'model'> {
  model: ModelId<KnownDetectionModel>;
}

export class Detections extends APIResource {
  /** Detects objects in an image, with labels, scores and boxes (`POST /v1/detections`). */
  create(body: DetectionCreateParams, options?: RequestOptions): APIPromise<DetectionResponse> {
    return this._client.post(paths.createDetection, {
      ...options,
      body,
      validate: [detectionSchema, 'detections.create'],
    });
  }
}
