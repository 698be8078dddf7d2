import type { WebhookEvent } from 'aigateway-js/webhooks';
import type { Styles } from '../core/terminal.js';

/** The `--json` shape of a verified delivery (stable, snake_case like the API). */
export interface VerifiedDelivery {
  valid: true;
  type: WebhookEvent['type'];
  delivery_id: string;
  attempt: number;
  /** Signing time, Unix seconds. */
  timestamp: number;
  /** The job snapshot the webhook carried. */
  data: WebhookEvent['data'];
}

/** Converts the SDK's event into the CLI's stable JSON shape. */
export function toDelivery(event: WebhookEvent): VerifiedDelivery {
  return {
    valid: true,
    type: event.type,
    delivery_id: event.deliveryId,
    attempt: event.attempt,
    timestamp: event.timestamp,
    data: event.data,
  };
}

/** Two human lines: the verdict and what the job says. */
export function describeDelivery(delivery: VerifiedDelivery, c: Styles): string {
  const job = delivery.data;
  const head = `${c.green('✔ valid')}  ${c.bold(delivery.type)}  ${job.id}  attempt ${delivery.attempt}  delivery ${delivery.delivery_id}`;
  const outcome =
    job.status === 'completed'
      ? `result ${job.result_url ?? '(none)'}`
      : `error ${job.error?.code ?? 'unknown'}: ${job.error?.message ?? ''}`;
  return `${head}\n  ${job.type} · ${job.model} · ${outcome}`;
}
