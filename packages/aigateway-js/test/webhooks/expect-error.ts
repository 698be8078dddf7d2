import { expect } from 'vitest';
import { WebhookVerificationError, type WebhookVerificationErrorReason } from '../../src/webhooks/index.js';

/** Awaits a rejection and checks it is a WebhookVerificationError with this reason. */
export async function rejection(
  promise: Promise<unknown>,
  reason: WebhookVerificationErrorReason,
): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  expect((error as WebhookVerificationError).reason).toBe(reason);
  return error as WebhookVerificationError;
}

/** Everything a logger or an HTTP error page could show of an error. */
export function renderings(error: Error): string[] {
  return [error.message, String(error), JSON.stringify(error), error.stack ?? ''];
}

/** The reason a synchronous verification refused, or 'accepted'; any other error is rethrown. */
export function reasonOf(run: () => unknown): WebhookVerificationErrorReason | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}
