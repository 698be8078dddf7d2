import { ApiError } from './errors.js';

/** `limit` (1–100, default 20) and `starting_after` over a newest-first list. */
export function paginate<T extends { id: string }>(
  items: T[],
  limitParam: string | undefined,
  after: string | undefined,
): { data: T[]; has_more: boolean } {
  const limit = limitParam === undefined ? 20 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ApiError(400, 'invalid_value', 'limit must be an integer from 1 to 100.', { param: 'limit' });
  }
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
