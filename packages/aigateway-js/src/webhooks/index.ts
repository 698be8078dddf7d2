export type { WebhookVerificationErrorReason } from './errors.js';
export { WebhookVerificationError } from './errors.js';
export type { Job, JobCompletedEvent, JobFailedEvent } from './job.js';
export { signWebhook } from './sign.js';
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
export { verifyWebhook } from './verify.js';
export { verifyWebhookAsync } from './verify-async.js';
