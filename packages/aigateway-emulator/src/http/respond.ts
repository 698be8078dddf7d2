import { ApiError, internalError } from './errors.js';

/** A JSON response; bodies are serialized once, here. */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Called with unexpected errors (never sent to clients). */
export type ErrorReporter = ((error: unknown, requestId: string) => void) | undefined;

/** Any thrown value as an envelope response: ApiErrors as they are, anything else as a 500 without details. */
export function errorResponse(error: unknown, requestId: string, report: ErrorReporter): Response {
  if (error instanceof ApiError) return error.toResponse(requestId);
  report?.(error, requestId);
  return internalError().toResponse(requestId);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Node's Buffers are typed over ArrayBufferLike; fetch bodies want ArrayBuffer-backed views. */
export const bytesBody = (bytes: Uint8Array): BodyInit => bytes as Uint8Array<ArrayBuffer>;
