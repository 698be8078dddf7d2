/**
 * Events already processed, by `event.dedupeKey` (`<type>:<job id>`, from the signed body; the
 * unsigned delivery id is for logs only). In production this is a table with the dedupe key as its
 * primary key (insert-or-ignore is the atomic "claim"); serverless instances share no memory.
 * Kept on globalThis so `next dev` reloading the route module does not forget it.
 */
const store = globalThis as typeof globalThis & { __aigDeliveries?: Set<string> };
store.__aigDeliveries ??= new Set<string>();
const seen = store.__aigDeliveries;

/** Returns true the first time a dedupe key is claimed, false for every retry or replay of it. */
export function claimDelivery(dedupeKey: string): boolean {
  if (seen.has(dedupeKey)) return false;
  seen.add(dedupeKey);
  return true;
}
