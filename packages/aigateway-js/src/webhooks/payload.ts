import { WebhookVerificationError } from './errors.js';
import { type Job, jobSchema } from './job.js';
import type { WebhookEventType } from './types.js';

function invalid(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_payload',
    `The webhook is authentic but its payload is not a final job snapshot: ${problem}. ` +
      'Upgrade aigateway-js if the gateway added something new; otherwise report it with the delivery id.',
  );
}

/** Decodes and validates the (already authenticated) body: a job that completed or failed. */
export function parseJobPayload(body: Uint8Array): Job & { status: 'completed' | 'failed' } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw invalid('the body is not valid UTF-8 JSON');
  }
  const problem = jobSchema(value, 'data');
  if (problem !== undefined) throw invalid(problem);
  const job = value as Job;
  if (job.status !== 'completed' && job.status !== 'failed') {
    throw invalid(
      `\`data.status\` is "${job.status}", but webhooks are only sent for completed or failed jobs`,
    );
  }
  return job as Job & { status: 'completed' | 'failed' };
}

export function eventTypeOf(status: 'completed' | 'failed'): WebhookEventType {
  return status === 'completed' ? 'job.completed' : 'job.failed';
}
