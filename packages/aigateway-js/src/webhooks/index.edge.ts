export { signWebhook, verifyWebhook } from './edge-stubs.js';
export type { WebhookVerificationErrorReason } from './errors.js';
export { WebhookVerificationError } from './errors.js';
export type { Job, JobCompletedEvent, JobFailedEvent } from './job.js';
export { signWebhookAsync } from './sign-async.js';
export type { SignedWebhook, SignWebhookOptions } from './sign-core.js';
export type {
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookEventType,
  WebhookHeaders,
  WebhookHeaderValue,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
export { verifyWebhookAsync } from './verify-async.js';
