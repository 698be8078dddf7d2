/**
 * Delivery ids already processed. In production this is a table with the delivery id as its
 * primary key (insert-or-ignore is the atomic "claim"); serverless instances share no memory.
 * Kept on globalThis so `next dev` reloading the route module does not forget it.
 */
const store = globalThis as typeof globalThis & { __aigDeliveries?: Set<string> };
store.__aigDeliveries ??= new Set<string>();
const seen = store.__aigDeliveries;

/** Returns true the first time a delivery id is claimed, false for every retry of it. */
export function claimDelivery(deliveryId: string): boolean {
  if (seen.has(deliveryId)) return false;
  seen.add(deliveryId);
  return true;
}
