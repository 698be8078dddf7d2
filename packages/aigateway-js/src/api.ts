// The public surface shared by the Node and edge entries (they differ only in the webhooks build).
export { AIgateway, type CallOptions, type Parser } from './client.js';
export { APIPromise, type WithRequestID, type WithResponse } from './core/api-promise.js';
export {
  ChatCompletionStream,
  type ChatCompletionStreamEvents,
  type ChatCompletionStreamUsage,
  type FinalChatCompletion,
  type ToolCallArgumentsDeltaEvent,
  type ToolCallArgumentsDoneEvent,
} from './core/chat-stream.js';
export {
  AIgatewayError,
  APIConnectionError,
  APIError,
  type APIErrorOptions,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  BudgetExceededError,
  ConfigurationError,
  ConflictError,
  type ErrorCode,
  ErrorCodes,
  type ErrorObject,
  type ErrorType,
  EvalFailedError,
  type FailedEvalRun,
  type FailedJob,
  type InputIssue,
  InputValidationError,
  InternalServerError,
  JobFailedError,
  JobTimeoutError,
  ModelNotFoundError,
  NotFoundError,
  type PartialStream,
  PermissionDeniedError,
  ProviderError,
  RateLimitError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
  type WaitedSnapshot,
} from './core/errors.js';
export { type CompletedJob, type Job, JobHandle, type JobResult } from './core/jobs.js';
export type { Logger, LogLevel } from './core/logger.js';
export type {
  ApiKeySetter,
  AppInfo,
  BYOKKeys,
  ClientOptions,
  Fetch,
  FetchOptions,
  HeadersLike,
  QueryParams,
  RequestOptions,
} from './core/options.js';
export type { WaitOptions } from './core/poll.js';
export { CursorPage, type CursorPageResponse, PagePromise } from './core/pagination.js';
export { Stream } from './core/streaming.js';
export type { ModelId } from './core/types.js';
export { type ToFileOptions, toFile, type Uploadable } from './core/uploads.js';
export * from './resources/audio/index.js';
export * from './resources/chat/index.js';
export * from './resources/classifications.js';
export * from './resources/detections.js';
export * from './resources/embeddings.js';
export * from './resources/evals.js';
export * from './resources/files.js';
export * from './resources/images.js';
export { Jobs, type JobWaitOptions } from './resources/jobs.js';
export * from './resources/models.js';
export * from './resources/moderations.js';
export * from './resources/ocr.js';
export * from './resources/replays.js';
export * from './resources/rerank.js';
export * from './resources/sub-accounts.js';
export * from './resources/three-d.js';
export * from './resources/translations.js';
export * from './resources/usage.js';
export * from './resources/videos.js';
export * from './resources/webhooks.js';
export { VERSION } from './version.js';
// Webhook types and the error class are the same in both builds; only the verify/sign functions
// differ (node:crypto or Web Crypto), so each entry exports those itself.
export { WebhookVerificationError, type WebhookVerificationErrorReason } from './webhooks/errors.js';
export type {
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
} from './webhooks/types.js';
