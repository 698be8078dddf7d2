import type { WebhookEvent } from 'aigateway-js/webhooks';

/**
 * Where verified deliveries are recorded before they are acknowledged. `record` must be atomic
 * per delivery id: in production, an INSERT into a table whose primary key is the delivery id
 * (a unique-violation means "seen before"), so two concurrent retries cannot both win.
 */
export interface DeliveryInbox {
  /** Stores the event; resolves `false` when this delivery id was recorded before (a retry). */
  record(event: WebhookEvent): Promise<boolean>;
}

/** An in-memory inbox for the example and tests; use your database in production. */
export class MemoryInbox implements DeliveryInbox {
  readonly events = new Map<string, WebhookEvent>();

  async record(event: WebhookEvent): Promise<boolean> {
    if (this.events.has(event.deliveryId)) return false;
    this.events.set(event.deliveryId, event);
    return true;
  }
}
