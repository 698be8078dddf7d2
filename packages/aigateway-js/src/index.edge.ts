export * from './api.js';
export { AIgateway as default } from './client.js';
export {
  signWebhook,
  signWebhookAsync,
  verifyWebhook,
  verifyWebhookAsync,
  WebhookVerificationError,
} from './webhooks/index.edge.js';
export type {
  SignedWebhook,
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookEvent,
  WebhookEventType,
  WebhookHeaders,
  WebhookHeaderValue,
  WebhookRawBody,
  WebhookSecret,
  WebhookVerificationErrorReason,
} from './webhooks/index.edge.js';
