import { ApiError } from '../../http/errors.js';

/** Per-sub-account requests-per-minute limit, a sliding 60 s window on the emulator clock. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  /** Counts one request for `id` or throws 429 with `Retry-After` when `rpm` is used up. */
  hit(id: string, rpm: number, nowMs: number): void {
    const since = nowMs - 60_000;
    const window = (this.windows.get(id) ?? []).filter((t) => t > since);
    if (window.length >= rpm) {
      const retryAfter = Math.max(1, Math.ceil((window[0]! - since) / 1000));
      this.windows.set(id, window);
      throw new ApiError(
        429,
        'rate_limit_exceeded',
        `This sub-account is limited to ${rpm} requests per minute. Retry after ${retryAfter} s, or raise rate_limit_rpm with PATCH /v1/sub-accounts/${id}.`,
        { retry_after: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
    window.push(nowMs);
    this.windows.set(id, window);
  }

  clear(): void {
    this.windows.clear();
  }
}
