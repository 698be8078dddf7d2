// aigateway-js/client: the root entry without the webhook sign/verify functions, whose Node build
// loads node:crypto. For programs that only call the API (the aig CLI): less to load at start-up.
// `client.webhooks.unwrap` still verifies (Web Crypto); the classes are the root's own.
export * from './api.js';
