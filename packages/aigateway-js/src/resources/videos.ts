import type { APIPromise } from '../core/api-promise.js';
import { type JobHandle, jobHandleParser } from '../core/jobs.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, videoSchema } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

export type KnownVideoModel = Schemas['KnownVideoModel'];

/** Parameters of `videos.generate`. */
export interface VideoGenerateParams extends Omit<Schemas['VideoGenerationRequest'], 'model'> {
  model: ModelId<KnownVideoModel>;
}

export class Videos extends APIResource {
  /**
   * Starts a video generation job (`POST /v1/videos/generations`, async); resolves to a
   * `JobHandle`. Pass `webhook_url` to be notified instead of polling with `job.wait()`.
   *
   * @example
   * const job = await client.videos.generate({ model: 'runwayml/gen-4', prompt: 'a sunset', duration: 5 });
   * const done = await job.wait();
   */
  generate(body: VideoGenerateParams, options?: RequestOptions): APIPromise<JobHandle> {
    return this._client.post(
      paths.createVideoGeneration,
      { ...options, body, validate: [videoSchema, 'videos.generate'] },
      jobHandleParser(this._client),
    );
  }
}
