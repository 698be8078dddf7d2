// Handles for async jobs (video, music, 3D): the job snapshot plus wait() and refresh().
import type { AIgateway } from '../client.js';
import { type APIPromise, parseJSON } from './api-promise.js';
import { type FailedJob, JobFailedError } from './errors.js';
import type { RequestOptions } from './options.js';
import type { RawResponse } from './request.js';
import { pollUntilSettled, type WaitOptions } from './poll.js';
import type { Schemas } from './types.js';

/** An async job as the gateway reports it (`GET /v1/jobs/{id}`). */
export type Job = Schemas['Job'];

/** What `wait()` throws when a job's status is `failed`. */
export const jobFailed = (job: Job): JobFailedError => new JobFailedError(job as FailedJob);

/** Fetches a job snapshot by id. */
export type RetrieveJob = (id: string, options?: RequestOptions) => APIPromise<Job>;

// The handle *is* the snapshot (its fields are copied on), with methods on top.
export interface JobHandle extends Readonly<Job> {}

/**
 * A job just created or retrieved: every `Job` field, plus `wait()` to poll until it settles and
 * `refresh()` for a new snapshot.
 *
 * @example
 * const job = await client.videos.generate({ model: 'runwayml/gen-4', prompt: 'a sunset' });
 * const done = await job.wait({ onProgress: (j) => console.log(j.progress) });
 * const video = await client.files.download(done.result_url!);
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns every Job field.
export class JobHandle {
  readonly #snapshot: Job;
  readonly #retrieve: RetrieveJob;

  /** @internal */
  constructor(snapshot: Job, retrieve: RetrieveJob) {
    Object.assign(this, snapshot);
    this.#snapshot = snapshot;
    this.#retrieve = retrieve;
  }

  /**
   * Polls `GET /v1/jobs/{id}` (1 s, then ×1.5 up to 10 s, honouring Retry-After) until the job
   * completes, and resolves with the completed snapshot.
   *
   * @throws {JobFailedError} when the job fails (with the gateway's reason)
   * @throws {JobTimeoutError} after `timeout` (default 10 minutes)
   * @throws {APIUserAbortError} as soon as `signal` aborts
   */
  wait(options?: WaitOptions<Job>): Promise<Job> {
    const id = this.#snapshot.id;
    return pollUntilSettled(
      id,
      (signal) => this.#retrieve(id, { signal }).withResponse(),
      jobFailed,
      this.#snapshot,
      options,
    );
  }

  /** Fetches the current snapshot as a new handle. */
  async refresh(options?: RequestOptions): Promise<JobHandle> {
    return new JobHandle(await this.#retrieve(this.#snapshot.id, options), this.#retrieve);
  }

  /** The plain snapshot. */
  toJSON(): Job {
    return this.#snapshot;
  }
}

/** Parses a 2xx job body into a handle bound to `client.jobs.retrieve`. */
export function jobHandleParser(client: AIgateway): (raw: RawResponse) => Promise<JobHandle> {
  const retrieve: RetrieveJob = (id, options) => client.jobs.retrieve(id, options);
  return async (raw) => new JobHandle(await parseJSON<Job>(raw), retrieve);
}
