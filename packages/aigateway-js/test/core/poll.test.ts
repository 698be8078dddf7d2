import { describe, expect, it, vi } from 'vitest';
import { APIUserAbortError, JobTimeoutError } from '../../src/core/errors.js';
import type { Job } from '../../src/core/jobs.js';
import { type FetchSnapshot, POLL, pollUntilSettled } from '../../src/core/poll.js';

// Unit tests of the poller's schedule with an in-memory snapshot source; the HTTP paths of
// jobs.wait are tested against the emulator in test/resources/jobs.test.ts.
type Snap = Job;

function snap(status: Job['status'], progress: number, error: Job['error'] = null): Snap {
  return {
    id: 'job_1',
    object: 'job',
    type: 'video',
    model: 'runwayml/gen-4',
    status,
    progress,
    created_at: 1_745_000_000,
    started_at: null,
    completed_at: null,
    result_url: null,
    result: null,
    error,
    webhook_url: null,
    tag: null,
    metadata: {},
    request_id: 'req_0123456789abcdef01234567',
    cost_cents: 0,
  };
}

/** What the poller throws for a failed snapshot: the caller's error, built from that snapshot. */
class SnapFailed extends Error {
  constructor(readonly snapshot: Snap) {
    super(`${snapshot.id} failed`);
  }
}
const failed = (snapshot: Snap) => new SnapFailed(snapshot);

function source(statuses: Job['status'][], headers: Record<string, string> = {}) {
  const calls: number[] = [];
  let i = 0;
  const fetchSnapshot: FetchSnapshot<Snap> = async () => {
    calls.push(Date.now());
    const status = statuses[Math.min(i, statuses.length - 1)] as Job['status'];
    i += 1;
    const error = status === 'failed' ? { code: 'provider_error', message: 'Render failed upstream.' } : null;
    const data = snap(status, status === 'completed' ? 100 : 10 * i, error);
    return { data, response: new Response(null, { headers }) };
  };
  return { fetchSnapshot, calls };
}

describe('pollUntilSettled', () => {
  it('polls with growing intervals (×1.5, capped) until completed, reporting progress', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const { fetchSnapshot, calls } = source(['running', 'running', 'running', 'running', 'completed']);
      const onProgress = vi.fn();
      const done = pollUntilSettled('job_1', fetchSnapshot, failed, undefined, {
        onProgress,
        pollInterval: 4000,
      });
      await vi.runAllTimersAsync();
      await expect(done).resolves.toMatchObject({ data: { status: 'completed' } });
      const gaps = calls.slice(1).map((t, k) => t - (calls[k] as number));
      expect(calls[0]).toBe(0);
      expect(gaps).toEqual([4000, 6000, 9000, POLL.maxMs]);
      expect(onProgress).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('honours Retry-After on a snapshot as the next interval', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const { fetchSnapshot, calls } = source(['running', 'completed'], { 'retry-after': '4' });
      const done = pollUntilSettled('job_1', fetchSnapshot, failed, undefined, {});
      await vi.runAllTimersAsync();
      await done;
      expect(calls).toEqual([0, 4000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('polls a completed initial snapshot once, at once (for its response); a failed one throws without polling', async () => {
    const { fetchSnapshot, calls } = source(['completed']);
    await expect(
      pollUntilSettled('job_1', fetchSnapshot, failed, snap('completed', 100)),
    ).resolves.toMatchObject({ data: { status: 'completed' } });
    expect(calls).toHaveLength(1);
    const settledFailed = snap('failed', 40, { code: 'x', message: 'Nope.' });
    const error = await pollUntilSettled('job_1', fetchSnapshot, failed, settledFailed).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SnapFailed);
    expect((error as SnapFailed).snapshot).toBe(settledFailed);
    expect(calls).toHaveLength(1);
  });

  it('throws the caller’s error, built from the snapshot, when a poll sees failed', async () => {
    const { fetchSnapshot } = source(['failed']);
    const error = await pollUntilSettled('job_1', fetchSnapshot, failed, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapFailed);
    expect((error as SnapFailed).snapshot.error?.message).toBe('Render failed upstream.');
  });

  it('times out promptly with the last snapshot, without waiting out the poll interval', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const { fetchSnapshot } = source(['running']);
      const done = pollUntilSettled('job_1', fetchSnapshot, failed, undefined, {
        timeout: 2500,
        pollInterval: 10_000,
      });
      const caught = done.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(2500);
      const error = await caught;
      expect(error).toBeInstanceOf(JobTimeoutError);
      expect((error as JobTimeoutError).job?.status).toBe('running');
      expect(Date.now()).toBe(2500);
    } finally {
      vi.useRealTimers();
    }
  });

  it('aborts promptly mid-sleep', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const { fetchSnapshot } = source(['running']);
      const controller = new AbortController();
      const caught = pollUntilSettled('job_1', fetchSnapshot, failed, undefined, {
        signal: controller.signal,
        pollInterval: 10_000,
      }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(100);
      controller.abort();
      expect(await caught).toBeInstanceOf(APIUserAbortError);
      expect(Date.now()).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });
});
