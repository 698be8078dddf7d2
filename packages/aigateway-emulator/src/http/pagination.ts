import { resolve } from '../contract/document.js';
import { ApiError } from './errors.js';

const DEFAULT_LIMIT = Number(resolve('#/components/parameters/Limit/schema').value?.default);
if (!Number.isInteger(DEFAULT_LIMIT)) throw new Error('The contract\'s Limit parameter needs an integer default.');

/** `limit` (the contract's bounds and default) and `starting_after` over a newest-first list. */
export function paginate<T extends { id: string }>(
  items: T[],
  limitParam: string | undefined,
  after: string | undefined,
): { data: T[]; has_more: boolean } {
  // The bounds are checked against the contract before the handler (requestShape).
  const limit = limitParam === undefined ? DEFAULT_LIMIT : Number(limitParam);
  let start = 0;
  if (after !== undefined) {
    const at = items.findIndex((i) => i.id === after);
    if (at < 0)
      throw new ApiError(
        400,
        'invalid_value',
        `starting_after '${after}' is not an id in this list; pass the last id of the previous page.`,
        { param: 'starting_after' },
      );
    start = at + 1;
  }
  const data = items.slice(start, start + limit);
  return { data, has_more: start + limit < items.length };
}
