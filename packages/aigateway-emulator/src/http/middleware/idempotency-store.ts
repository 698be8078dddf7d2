import { headers, patterns } from 'aigateway-contract';
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
  /** The response holds a key (a minted sub-account's): replayed from memory, never written to `--state`. */
  secret?: boolean;
}

/** How long a stored response is replayed (the hosted gateway's documented 24 h). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** At most this many keys are remembered; the oldest go first. */
export const MAX_IDEMPOTENCY_ENTRIES = 10_000;
/** At most this many bytes of stored responses; the oldest go first. */
export const MAX_IDEMPOTENCY_BYTES = 64 * 1024 * 1024;

const keyPattern = new RegExp(headers.idempotencyKey.pattern);
/** An API key anywhere in a response (the contract's pattern, unanchored). */
const apiKeyInside = new RegExp(patterns.apiKey.replace(/^\^|\$$/g, ''));

const sizeOf = (response: StoredResponse | null) =>
  response ? response.body.length + response.headers.reduce((n, [k, v]) => n + k.length + v.length, 0) : 0;

type Saved = { idempotency: [string, Entry][] };

/**
 * `Idempotency-Key` handling, scoped per key owner: the first request runs and its response is
 * stored; a repeat with the same body gets the stored response; a different body is a 422; a
 * repeat while the first is still running is a 409. Bounded: entries expire after 24 h, and
 * past `MAX_IDEMPOTENCY_ENTRIES` or `MAX_IDEMPOTENCY_BYTES` the oldest are forgotten.
 */
export class IdempotencyStore implements StatePart<Saved> {
  /** In insertion order, which is age order: pruning starts at the front. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly changed: () => void) {}

  /** Returns the stored response to replay, or null after claiming the key for this request. */
  begin(scope: string, key: string, fingerprint: string, now: number): StoredResponse | null {
    if (!keyPattern.test(key)) {
      throw new ApiError(
        400,
        'invalid_value',
        `Idempotency-Key must be ${headers.idempotencyKey.minLength}–${headers.idempotencyKey.maxLength} printable ASCII characters, e.g. a UUID.`,
        { param: 'Idempotency-Key' },
      );
    }
    this.expire(now);
    const id = `${scope}\u0000${key}`;
    let entry = this.entries.get(id);
    if (entry && now - entry.created_at >= IDEMPOTENCY_TTL_SECONDS) {
      this.delete(id, entry);
      entry = undefined;
    }
    if (entry) {
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
    this.bound();
    return null;
  }

  complete(scope: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (!entry) return;
    entry.response = response;
    entry.secret = apiKeyInside.test(Buffer.from(response.body, 'base64').toString('latin1'));
    this.bytes += sizeOf(response);
    this.bound();
    this.changed();
  }

  /** Forgets a claim whose request did not finish (retryable error, dropped or cut stream). */
  release(scope: string, key: string): void {
    const id = `${scope}\u0000${key}`;
    if (this.entries.get(id)?.response === null) this.entries.delete(id);
  }

  /** How many keys are remembered, and the bytes of their stored responses. */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * Completed entries without secrets only: a claim does not outlive the process that made it,
   * and a response holding a key stays in memory (the state file keeps key hashes only).
   */
  save(): Saved {
    return {
      idempotency: [...this.entries]
        .filter(([, e]) => e.response !== null && !e.secret)
        .map(([k, { fingerprint, created_at, response }]) => [k, { fingerprint, created_at, response }]),
    };
  }

  load(saved: Partial<Saved>): void {
    this.clear();
    for (const [k, v] of saved.idempotency ?? []) {
      this.entries.set(k, v);
      this.bytes += sizeOf(v.response);
    }
    this.bound();
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.bytes -= sizeOf(entry.response);
  }

  /** Drops entries older than the TTL (they are at the front). */
  private expire(now: number): void {
    for (const [id, entry] of this.entries) {
      if (now - entry.created_at < IDEMPOTENCY_TTL_SECONDS) break;
      this.delete(id, entry);
    }
  }

  /** Forgets the oldest entries while over the count or byte bound. */
  private bound(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= MAX_IDEMPOTENCY_ENTRIES && this.bytes <= MAX_IDEMPOTENCY_BYTES) break;
      this.delete(id, entry);
    }
  }
}
