export * from './api.js';
export { AIgateway as default } from './client.js';
export { signWebhook, signWebhookAsync, verifyWebhook, verifyWebhookAsync } from './webhooks/index.edge.js';
