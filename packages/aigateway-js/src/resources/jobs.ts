import type { APIPromise } from '../core/api-promise.js';
import { type CompletedJob, type Job, type JobWaitOptions, jobFailed, jobPath } from '../core/jobs.js';
import type { RequestOptions } from '../core/options.js';
import { waitUntilSettled } from '../core/poll.js';
import { APIResource } from '../core/resource.js';
import { idParam } from '../core/schemas.js';

export type { CompletedJob, Job, JobHandle, JobResult, JobWaitOptions } from '../core/jobs.js';

export class Jobs extends APIResource {
  /** The current snapshot of an async job (`GET /v1/jobs/{id}`). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Job> {
    return this._client.get(jobPath(id), { ...options, validate: [idParam, 'jobs.retrieve', id] });
  }

  /**
   * Polls a job until it settles and resolves with the completed snapshot; `options` may also carry
   * request options for the polls (e.g. the `apiKey` the job was created with).
   *
   * @throws {JobFailedError} when the job fails (with the gateway's reason)
   * @throws {JobTimeoutError} after `timeout` (default 10 minutes)
   * @throws {APIUserAbortError} as soon as `signal` aborts
   */
  wait(id: string, options?: JobWaitOptions): APIPromise<CompletedJob> {
    const retrieve = (request: RequestOptions) => this.retrieve(id, request);
    return waitUntilSettled<Job, CompletedJob>(id, retrieve, jobFailed, undefined, options);
  }
}
