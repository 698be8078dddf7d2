/** Why a webhook was refused; stable, for code to branch on (the message is for humans). */
export type WebhookVerificationErrorReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_outside_tolerance'
  | 'no_matching_signature'
  | 'invalid_payload'
  | 'invalid_body'
  | 'missing_secret';

// A registry-wide brand, so `instanceof` holds across the ESM, CJS and edge copies of this class
// (e.g. `verifyWebhook` from `aigateway-js/webhooks` and the class from `aigateway-js` under require()).
const brand = Symbol.for('aigateway-js.WebhookVerificationError');

/**
 * Thrown when a webhook request cannot be trusted or understood. Answer it with a 400; branch on
 * `reason`. Messages say what to do and never contain the secret or an expected signature.
 *
 * @example
 * ```ts
 * try {
 *   event = verifyWebhook(rawBody, req.headers, secret);
 * } catch (err) {
 *   if (err instanceof WebhookVerificationError) return res.status(400).send(err.reason);
 *   throw err;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Machine-readable cause: missing/malformed header, stale timestamp, bad signature, bad payload … */
  readonly reason: WebhookVerificationErrorReason;
  /** The header concerned, for `missing_header` and `malformed_header`. */
  readonly header: string | undefined;

  constructor(reason: WebhookVerificationErrorReason, message: string, header?: string) {
    super(message);
    this.reason = reason;
    this.header = header;
    Object.defineProperty(this, brand, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && brand in value;
  }

  /** What `JSON.stringify` (and loggers) see: name, reason, header and message only. */
  toJSON(): { name: string; reason: WebhookVerificationErrorReason; header?: string; message: string } {
    return {
      name: this.name,
      reason: this.reason,
      ...(this.header === undefined ? {} : { header: this.header }),
      message: this.message,
    };
  }
}
