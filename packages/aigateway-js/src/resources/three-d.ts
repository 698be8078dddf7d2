import type { APIPromise } from '../core/api-promise.js';
import { type JobHandle, jobHandleParser } from '../core/jobs.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, threeDSchema } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

export type Known3DModel = Schemas['Known3DModel'];

/**
 * Parameters of `threeD.generate`: a `prompt`, an `image` (URL, data: URL or base64), or both.
 * The contract's type requires one of them; the input check rejects a call with neither.
 */
export type ThreeDGenerateParams = Schemas['ThreeDGenerationRequest'] & { model: ModelId<Known3DModel> };

export class ThreeD extends APIResource {
  /**
   * Starts a 3D asset generation job (`POST /v1/3d/generations`, async); resolves to a `JobHandle`.
   */
  generate(body: ThreeDGenerateParams, options?: RequestOptions): APIPromise<JobHandle> {
    return this._client.post(
      paths.createThreeDGeneration,
      { ...options, body, validate: [threeDSchema, 'threeD.generate'] },
      jobHandleParser(this._client),
    );
  }
}
