import type { WebhookEvent } from 'aigateway-js/webhooks';

/** The example's business logic: what you would do when a video, music or 3D job finishes. */
export function describeJobEvent(event: WebhookEvent): string {
  const job = event.data;
  if (event.type === 'job.completed') {
    return `job ${job.id} (${job.type}, ${job.model}) completed: ${event.data.result_url}`;
  }
  return `job ${job.id} (${job.type}, ${job.model}) failed: ${event.data.error.message}`;
}
