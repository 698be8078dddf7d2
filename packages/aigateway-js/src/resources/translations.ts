import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, translationSchema } from '../core/schemas.js';
import type { ModelId, Schemas } from '../core/types.js';

type TranslationResponseSchema = Schemas['TranslationResponse'];
export interface TranslationResponse extends TranslationResponseSchema {}
export type KnownTranslationModel = Schemas['KnownTranslationModel'];

/** Parameters of `translations.create`. */
export interface TranslationCreateParams extends Omit<Schemas['TranslationRequest'], 'model'> {
  model: ModelId<KnownTranslationModel>;
}

export class Translations extends APIResource {
  /** Translates text into `target_language` (`POST /v1/translations`). */
  create(body: TranslationCreateParams, options?: RequestOptions): APIPromise<TranslationResponse> {
    return this._client.post(paths.createTranslation, {
      ...options,
      body,
      validate: [translationSchema, 'translations.create'],
    });
  }
}
