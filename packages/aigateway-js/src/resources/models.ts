import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, modelParam, pathTo } from '../core/schemas.js';
import type { Schemas } from '../core/types.js';

type ModelSchema = Schemas['Model'];
export interface Model extends ModelSchema {}
type ModelListSchema = Schemas['ModelList'];
export interface ModelList extends ModelListSchema {}
export type Modality = Schemas['Modality'];

export class Models extends APIResource {
  /** Lists the catalog (`GET /v1/models`): every model with modality, pricing and capabilities. */
  list(options?: RequestOptions): APIPromise<ModelList> {
    return this._client.get(paths.listModels, options);
  }

  /**
   * Retrieves one model by slug (`GET /v1/models/{provider}/{name}`); the slash is kept.
   *
   * @example
   * const model = await client.models.retrieve('anthropic/claude-sonnet-4.6');
   */
  retrieve(model: string, options?: RequestOptions): APIPromise<Model> {
    return this._client.get(pathTo('retrieveModel', { model }), {
      ...options,
      validate: [modelParam, 'models.retrieve', model],
    });
  }
}
