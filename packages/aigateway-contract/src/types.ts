export type { components, operations as operationTypes, paths, webhooks } from './generated/openapi.js';
