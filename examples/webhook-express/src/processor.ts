import type { WebhookEvent } from 'aigateway-js/webhooks';

/** Your business logic for one verified, first-seen event. */
export type EventHandler = (event: WebhookEvent) => Promise<void> | void;

/**
 * Runs handlers after the HTTP response, one at a time, so a slow handler never delays the 2xx
 * (the gateway retries anything not acknowledged within 10 s). In production this is a job queue.
 */
export class BackgroundProcessor {
  #tail: Promise<void> = Promise.resolve();
  failures = 0;

  constructor(
    private readonly handle: EventHandler,
    private readonly onError: (error: unknown, event: WebhookEvent) => void = (error, event) =>
      console.error(`processing delivery ${event.deliveryId} failed:`, error),
  ) {}

  enqueue(event: WebhookEvent): void {
    this.#tail = this.#tail
      .then(() => this.handle(event))
      .catch((error: unknown) => {
        this.failures += 1;
        this.onError(error, event);
      });
  }

  /** Resolves once everything enqueued so far has been processed. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
