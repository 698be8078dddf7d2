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
let encoder: TextEncoder | undefined;

interface WellFormed {
  isWellFormed?(): boolean;
}

/**
 * The text that was signed, as JSON.parse must see it. Bytes must be valid UTF-8 (strict decode:
 * no U+FFFD stands in for bytes that were signed). A string was signed as its UTF-8 encoding, in
 * which every lone surrogate became U+FFFD, so such a string is parsed as that encoding decodes;
 * a well-formed one (nearly always, and found in O(1) for Latin-1 strings) is parsed as is. Either
 * way a leading BOM is dropped, as the UTF-8 decoder does for bytes.
 */
function signedText(body: string | Uint8Array, wellFormed: boolean): string {
  decoder ??= new TextDecoder('utf-8', { fatal: true });
  if (typeof body !== 'string') return decoder.decode(body);
  if (!(wellFormed || ((body as WellFormed).isWellFormed?.() ?? !/[\uD800-\uDFFF]/u.test(body)))) {
    encoder ??= new TextEncoder();
    return decoder.decode(encoder.encode(body));
  }
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}

/**
 * Decodes and validates the (already authenticated) body: a job that completed or failed.
 * `wellFormed`: the body is a string already known to have no lone surrogate (e.g. all ASCII).
 */
export function parseEventPayload(
  body: string | Uint8Array,
  wellFormed = false,
): JobCompletedEvent | JobFailedEvent {
  let value: unknown;
  try {
    value = JSON.parse(signedText(body, wellFormed));
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
