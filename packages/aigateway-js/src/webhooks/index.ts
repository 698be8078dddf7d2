export type { WebhookVerificationErrorReason } from './errors.js';
export { WebhookVerificationError } from './errors.js';
export { signWebhook, verifyWebhook } from './node.js';
export { signWebhookAsync } from './sign.js';
export type {
  Job,
  JobCompletedEvent,
  JobFailedEvent,
  SignedWebhook,
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookEventType,
  WebhookHeaders,
  WebhookHeaderValue,
  WebhookRawBody,
  WebhookSecret,
} from './types.js';
export { verifyWebhookAsync } from './verify.js';
