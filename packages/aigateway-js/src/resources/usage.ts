import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, usageSchema } from '../core/schemas.js';
import type { QueryOf, Schemas } from '../core/types.js';

type UsageByTagSchema = Schemas['UsageByTag'];
export interface UsageByTag extends UsageByTagSchema {}
type UsageByTagRowSchema = Schemas['UsageByTagRow'];
export interface UsageByTagRow extends UsageByTagRowSchema {}
export type UsageByTagParams = QueryOf<'retrieveUsageByTag'>;

export class Usage extends APIResource {
  /**
   * Spend per `x-aig-tag` for a month (`GET /v1/usage/by-tag`), scoped to the calling key.
   *
   * @example
   * const usage = await client.usage.byTag({ month: '2026-04' });
   */
  byTag(query?: UsageByTagParams, options?: RequestOptions): APIPromise<UsageByTag> {
    return this._client.get(paths.retrieveUsageByTag, {
      ...options,
      query,
      validate: [usageSchema, 'usage.byTag', query],
    });
  }
}
