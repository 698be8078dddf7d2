// Handles for async jobs (video, music, 3D): the job snapshot plus wait() and refresh(), bound to
// the request options the job was created with (its key, tag, BYOK keys, headers).
import type { AIgateway } from '../client.js';
import { type APIPromise, parseJSON, readsWholeBody, withRequestID } from './api-promise.js';
import { type FailedJob, JobFailedError } from './errors.js';
import { mergeRequestOptions, type RequestOptions } from './options.js';
import { type WaitOptions, waitUntilSettled } from './poll.js';
import { pathTo } from './schemas.js';
import type { RawResponse } from './request.js';
import type { Schemas } from './types.js';

type JobSchema = Schemas['Job'];
type JobResultSchema = Schemas['JobResult'];

/** An async job (video, music or 3D generation) as the gateway reports it (`GET /v1/jobs/{id}`). */
export interface Job extends JobSchema {}

/** What a job produced: its media type, size and (video, music) duration. */
export interface JobResult extends JobResultSchema {}

/**
 * A job that finished: what `wait()` resolves with. `result_url` (signed, expiring) and `result`
 * are set, so no `!` is needed to download it.
 */
export interface CompletedJob extends Job {
  status: 'completed';
  result_url: string;
  result: JobResult;
}

/** Options of `job.wait()` and `client.jobs.wait()`. */
export type JobWaitOptions = WaitOptions<Job>;

/** `GET /v1/jobs/{id}`'s path under the base URL. */
export const jobPath = (id: string): string => pathTo('retrieveJob', { id });

/** What `wait()` throws when a job's status is `failed`. */
export const jobFailed = (job: Job): JobFailedError => new JobFailedError(job as FailedJob);

// The handle *is* the snapshot (its fields are copied on), with methods on top.
export interface JobHandle extends Readonly<Job> {}

/**
 * A job just created or retrieved: every `Job` field, plus `wait()` to poll until it settles and
 * `refresh()` for a new snapshot. Both send the request options the job was created with (`apiKey`,
 * `tag`, `byok`, `headers`, `fetchOptions`…), so a job created with a customer's key is polled with it.
 *
 * @example
 * const job = await client.videos.generate({ model: 'runwayml/gen-4', prompt: 'a sunset' });
 * const done = await job.wait({ onProgress: (j) => console.log(j.progress) });
 * const video = await client.files.download(done.result_url);
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns every Job field.
export class JobHandle {
  readonly #snapshot: Job;
  readonly #client: AIgateway;
  readonly #options: RequestOptions;

  /** @internal */
  constructor(snapshot: Job, client: AIgateway, options: RequestOptions = {}) {
    Object.assign(this, snapshot);
    this.#snapshot = snapshot;
    this.#client = client;
    this.#options = options;
  }

  /**
   * Polls `GET /v1/jobs/{id}` (1 s, then ×1.5 up to 10 s, honouring Retry-After) until the job
   * completes, and resolves with the completed snapshot. `options` may also carry request options
   * for the polls (over the job's own).
   *
   * @throws {JobFailedError} when the job fails (with the gateway's reason)
   * @throws {JobTimeoutError} after `timeout` (default 10 minutes)
   * @throws {APIUserAbortError} as soon as `signal` aborts
   */
  wait(options?: JobWaitOptions): APIPromise<CompletedJob> {
    const id = this.#snapshot.id;
    const retrieve = (request: RequestOptions) => this.#client.jobs.retrieve(id, request);
    return waitUntilSettled<Job, CompletedJob>(
      id,
      retrieve,
      jobFailed,
      this.#snapshot,
      options,
      this.#options,
    );
  }

  /** Fetches the current snapshot as a new handle (with the same request options). */
  refresh(options: RequestOptions = {}): APIPromise<JobHandle> {
    const merged = mergeRequestOptions(this.#options, options);
    return this.#client.get(jobPath(this.#snapshot.id), merged, jobHandleParser(this.#client, this.#options));
  }

  /** The plain snapshot. */
  toJSON(): Job {
    return this.#snapshot;
  }
}

/**
 * Parses a 2xx job body into a handle bound to `client`, keeping the call's request options (not
 * its signal, timeout or idempotency key, which belonged to that one call) for `wait()`.
 */
export function jobHandleParser(
  client: AIgateway,
  inherited?: RequestOptions,
): (raw: RawResponse) => Promise<JobHandle> {
  return readsWholeBody(async (raw: RawResponse) => {
    const snapshot = await parseJSON<Job>(raw);
    const { apiKey, tag, byok, headers, fetchOptions, maxRetries } = inherited ?? raw.spec;
    const options: RequestOptions = { apiKey, tag, byok, headers, fetchOptions, maxRetries };
    return withRequestID(new JobHandle(snapshot, client, options), raw.requestId);
  });
}
