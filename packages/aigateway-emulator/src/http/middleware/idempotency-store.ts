import type { StatePart } from '../../runtime/state.js';
import { ApiError } from '../errors.js';

/** A response kept for replay under an idempotency key. */
export interface StoredResponse {
  status: number;
  headers: [string, string][];
  /** Base64 of the body bytes. */
  body: string;
}

interface Entry {
  fingerprint: string;
  created_at: number;
  response: StoredResponse | null;
}

const TTL_SECONDS = 24 * 3600;
const keyPattern = /^[\x20-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` handling, scoped per key owner: the first request runs and its response is
 * stored; a repeat with the same body gets the stored response; a different body is a 422; a
 * repeat while the first is still running is a 409.
 */
type Saved = { idempotency: [string, Entry][] };

export class IdempotencyStore implements StatePart<Saved> {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly changed: () => void) {}

  /** Returns the stored response to replay, or null after claiming the key for this request. */
  begin(scope: string, key: string, fingerprint: string, now: number): StoredResponse | null {
    if (!keyPattern.test(key)) {
      throw new ApiError(
        400,
        'invalid_value',
        'Idempotency-Key must be 1–255 printable ASCII characters, e.g. a UUID.',
        { param: 'Idempotency-Key' },
      );
    }
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && now - entry.created_at < TTL_SECONDS) {
      if (entry.fingerprint !== fingerprint) {
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request body or path. Use a new key for a new request; reuse a key only to retry the identical request.',
          { param: 'Idempotency-Key' },
        );
      }
      if (!entry.response) {
        throw new ApiError(
          409,
          'idempotency_in_progress',
          'A request with this Idempotency-Key is still being processed. Retry after it finishes to get its stored response.',
          {},
          { 'retry-after': '1' },
        );
      }
      return entry.response;
    }
    this.entries.set(id, { fingerprint, created_at: now, response: null });
    return null;
  }

  complete(scope: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (!entry) return;
    entry.response = response;
    this.changed();
  }

  /** Forgets a claim whose request did not finish (retryable error, dropped or cut stream). */
  release(scope: string, key: string): void {
    const id = `${scope}\u0000${key}`;
    if (this.entries.get(id)?.response === null) this.entries.delete(id);
  }

  /** Completed entries only: a claim does not outlive the process that made it. */
  save(): Saved {
    return { idempotency: [...this.entries].filter(([, e]) => e.response !== null) };
  }

  load(saved: Partial<Saved>): void {
    this.entries.clear();
    for (const [k, v] of saved.idempotency ?? []) this.entries.set(k, v);
  }

  clear(): void {
    this.entries.clear();
  }
}
