/**
 * Remembers which delivery ids were already processed. `claim` must be atomic per id. On
 * Cloudflare, use D1 (`INSERT … ON CONFLICT DO NOTHING`, then check `meta.changes`) or a Durable
 * Object; KV is eventually consistent, so two retries could both pass a KV check.
 */
export interface DeliveryInbox {
  /** Resolves `true` the first time a delivery id is claimed, `false` for every retry of it. */
  claim(deliveryId: string): Promise<boolean>;
}

/** One isolate's memory: fine for the example and tests, not shared between isolates. */
export class MemoryInbox implements DeliveryInbox {
  readonly #seen = new Set<string>();

  async claim(deliveryId: string): Promise<boolean> {
    if (this.#seen.has(deliveryId)) return false;
    this.#seen.add(deliveryId);
    return true;
  }
}
