import type { APIPromise } from '../../core/api-promise.js';
import { type JobHandle, jobHandleParser } from '../../core/jobs.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { musicSchema, paths } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';

export type KnownMusicModel = Schemas['KnownMusicModel'];

/** Parameters of `audio.music.generate`. */
export interface MusicGenerateParams extends Omit<Schemas['MusicGenerationRequest'], 'model'> {
  model: ModelId<KnownMusicModel>;
}

export class Music extends APIResource {
  /**
   * Starts a music generation job (`POST /v1/audio/music`, async); resolves to a `JobHandle`.
   * Pass `webhook_url` to be notified instead of polling with `job.wait()`.
   */
  generate(body: MusicGenerateParams, options?: RequestOptions): APIPromise<JobHandle> {
    return this._client.post(
      paths.createMusicGeneration,
      { ...options, body, validate: [musicSchema, 'audio.music.generate'] },
      jobHandleParser(this._client),
    );
  }
}
