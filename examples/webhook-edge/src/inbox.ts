/**
 * Remembers which events were already processed, by `event.dedupeKey` (`<type>:<job id>`, from the
 * signed body: a replay with a rewritten `x-aig-delivery-id` has the same key; the delivery id is
 * for logs only). `claim` must be atomic per key. On
 * Cloudflare, use D1 (`INSERT … ON CONFLICT DO NOTHING`, then check `meta.changes`) or a Durable
 * Object; KV is eventually consistent, so two retries could both pass a KV check.
 */
export interface DeliveryInbox {
  /** Resolves `true` the first time a dedupe key is claimed, `false` for every retry or replay of it. */
  claim(dedupeKey: string): Promise<boolean>;
}

/** One isolate's memory: fine for the example and tests, not shared between isolates. */
export class MemoryInbox implements DeliveryInbox {
  readonly #seen = new Set<string>();

  async claim(dedupeKey: string): Promise<boolean> {
    if (this.#seen.has(dedupeKey)) return false;
    this.#seen.add(dedupeKey);
    return true;
  }
}
