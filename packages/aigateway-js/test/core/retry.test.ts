import { describe, expect, it } from 'vitest';
import {
  BACKOFF,
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from '../../src/core/retry.js';

describe('retry policy', () => {
  it('retries connection-level statuses, 408, 409, 429 and every 5xx, never other 4xx', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504, 599])
      expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 402, 403, 404, 413, 422]) expect(isRetryableStatus(status)).toBe(false);
  });

  it('backs off exponentially from 0.5 s to an 8 s cap, jitter shaving at most 25 %', () => {
    const none = () => 0;
    const most = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 10].map((r) => backoffDelay(r, none))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(0, most)).toBe(375);
    expect(backoffDelay(9, most)).toBe(6000);
  });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-04-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Apr 2026 00:00:07 GMT' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 31 Mar 2026 00:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('waits what the server asks up to the cap, and gives up (no retry) beyond it', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryDelay(3, new Headers({ 'retry-after': String(BACKOFF.retryAfterCapMs / 1000) }))).toBe(
      60_000,
    );
    expect(retryDelay(0, new Headers({ 'retry-after': '61' }))).toBeUndefined();
    expect(retryDelay(1, new Headers(), () => 0)).toBe(1000);
    expect(retryDelay(1, undefined, () => 0)).toBe(1000);
  });
});
