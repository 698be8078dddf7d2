import type { WebhookEvent } from 'aigateway-js/webhooks';
import { createWebhookApp } from './app.js';
import { MemoryInbox } from './inbox.js';

/** The example's processing: log the outcome (store it, notify the user… in a real app). */
function logJobEvent(event: WebhookEvent): void {
  const job = event.data;
  const outcome = event.type === 'job.completed' ? event.data.result_url : event.data.error.message;
  console.log(`delivery ${event.deliveryId}: job ${job.id} (${job.type}) ${job.status}: ${outcome}`);
}

// A Workers module: `export default { fetch }`. Hono's app has the same shape.
export default createWebhookApp({ inbox: new MemoryInbox(), onEvent: logJobEvent });
