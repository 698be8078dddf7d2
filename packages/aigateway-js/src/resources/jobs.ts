import type { APIPromise } from '../core/api-promise.js';
import { type Job, jobFailed } from '../core/jobs.js';
import type { RequestOptions } from '../core/options.js';
import { pollUntilSettled, type WaitOptions } from '../core/poll.js';
import { APIResource } from '../core/resource.js';
import { idSchema } from '../core/schemas.js';

export type { Job, JobHandle } from '../core/jobs.js';
export type JobWaitOptions = WaitOptions<Job>;

export class Jobs extends APIResource {
  /** The current snapshot of an async job (`GET /v1/jobs/{id}`). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Job> {
    return this._client.get(`/jobs/${encodeURIComponent(id)}`, {
      ...options,
      validate: [idSchema, 'jobs.retrieve', id],
    });
  }

  /**
   * Polls a job until it settles and resolves with the completed snapshot.
   *
   * @throws {JobFailedError} when the job fails (with the gateway's reason)
   * @throws {JobTimeoutError} after `timeout` (default 10 minutes)
   * @throws {APIUserAbortError} as soon as `signal` aborts
   */
  wait(id: string, options?: JobWaitOptions): Promise<Job> {
    const poll = (signal: AbortSignal) => this.retrieve(id, { signal }).withResponse();
    return pollUntilSettled(id, poll, jobFailed, undefined, options);
  }
}
