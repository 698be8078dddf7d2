import type { WebhookEvent } from 'aigateway-js/webhooks';

/**
 * Where verified events are recorded before they are acknowledged, by `event.dedupeKey`
 * (`<type>:<job id>`, from the signed body; the unsigned delivery id is for logs only, a replay may
 * rewrite it). `record` must be atomic per key: in production, an INSERT into a table whose primary
 * key is the dedupe key (a unique-violation means "seen before"), so two concurrent retries cannot
 * both win.
 */
export interface DeliveryInbox {
  /** Stores the event; resolves `false` when its dedupe key was recorded before (a retry or replay). */
  record(event: WebhookEvent): Promise<boolean>;
}

/** An in-memory inbox for the example and tests; use your database in production. */
export class MemoryInbox implements DeliveryInbox {
  readonly events = new Map<string, WebhookEvent>();

  async record(event: WebhookEvent): Promise<boolean> {
    if (this.events.has(event.dedupeKey)) return false;
    this.events.set(event.dedupeKey, event);
    return true;
  }
}
