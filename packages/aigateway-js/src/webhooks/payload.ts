import { WebhookVerificationError } from './errors.js';
import {
  type JobCompletedEvent,
  type JobFailedEvent,
  jobCompletedEventSchema,
  jobFailedEventSchema,
  jobSchema,
} from './job.js';

function invalid(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_payload',
    `The webhook is authentic but its payload is not a final job snapshot: ${problem}. ` +
      'Upgrade aigateway-js if the gateway added something new; otherwise report it with the delivery id.',
  );
}

let decoder: TextDecoder | undefined;

/** Decodes and validates the (already authenticated) body: a job that completed or failed. */
export function parseEventPayload(body: Uint8Array): JobCompletedEvent | JobFailedEvent {
  let value: unknown;
  try {
    decoder ??= new TextDecoder('utf-8', { fatal: true });
    value = JSON.parse(decoder.decode(body));
  } catch {
    throw invalid('the body is not valid UTF-8 JSON');
  }
  const status =
    typeof value === 'object' && value !== null ? (value as { status?: unknown }).status : undefined;
  const schema =
    status === 'completed' ? jobCompletedEventSchema : status === 'failed' ? jobFailedEventSchema : jobSchema;
  const problem = schema(value, 'data');
  if (problem !== undefined) throw invalid(problem);
  if (schema === jobSchema) {
    throw invalid(`\`data.status\` is "${status}", but webhooks are only sent for completed or failed jobs`);
  }
  return value as JobCompletedEvent | JobFailedEvent;
}
