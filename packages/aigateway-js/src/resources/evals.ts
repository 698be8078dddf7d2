import type { APIPromise } from '../core/api-promise.js';
import { EvalFailedError, type FailedEvalRun } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { type CursorPage, type PagePromise, requestPage } from '../core/pagination.js';
import { type WaitOptions, waitUntilSettled } from '../core/poll.js';
import { APIResource } from '../core/resource.js';
import { evalCreateSchema, evalListSchema, paths, idParam, pathTo } from '../core/schemas.js';
import type { QueryOf, Schemas } from '../core/types.js';

type EvalRunSchema = Schemas['EvalRun'];
type EvalScoreSchema = Schemas['EvalScore'];

/** An eval run: its candidates, scores so far, winner and `eval:<id>` alias. */
export interface EvalRun extends EvalRunSchema {}
/** A run that finished: what `evals.wait()` resolves with; `winner` is set. */
export interface CompletedEvalRun extends EvalRun {
  status: 'completed';
  winner: string;
}
type EvalListSchema = Schemas['EvalList'];
export interface EvalList extends EvalListSchema {}
/** One page of `evals.list()`. */
export type EvalRunsPage = CursorPage<EvalRun>;
/** One candidate's grade. */
export interface EvalScore extends EvalScoreSchema {}
export type EvalMetric = Schemas['EvalMetric'];
type EvalCreateParamsSchema = Schemas['EvalCreateRequest'];
export interface EvalCreateParams extends EvalCreateParamsSchema {}
export type EvalListParams = QueryOf<'listEvals'>;
export type EvalWaitOptions = WaitOptions<EvalRun>;

const evalFailed = (run: EvalRun): EvalFailedError => new EvalFailedError(run as FailedEvalRun);

/** Grade candidate models on your dataset; route with `model: run.alias` (`eval:<id>`) to the winner. */
export class Evals extends APIResource {
  /**
   * Starts an eval run (`POST /v1/evals`).
   *
   * @example
   * const run = await client.evals.create({ name: 'summarize', candidate_models: ['anthropic/claude-opus-4.7', 'moonshot/kimi-k2.6'], dataset, metric: 'quality' });
   * const done = await client.evals.wait(run.id);
   * await client.chat.completions.create({ model: done.alias, messages });
   */
  create(body: EvalCreateParams, options?: RequestOptions): APIPromise<EvalRun> {
    return this._client.post(paths.createEval, {
      ...options,
      body,
      validate: [evalCreateSchema, 'evals.create'],
    });
  }

  /** Retrieves an eval run with its scores and winner. */
  retrieve(id: string, options?: RequestOptions): APIPromise<EvalRun> {
    return this._client.get(pathTo('retrieveEval', { id }), {
      ...options,
      validate: [idParam, 'evals.retrieve', id],
    });
  }

  /**
   * Lists eval runs, newest first. Await it for one page (`data`, `has_more`, `getNextPage()`), or
   * iterate it with `for await` for every run of every page.
   */
  list(query?: EvalListParams, options?: RequestOptions): PagePromise<EvalRun> {
    return requestPage(this._client, paths.listEvals, query, {
      ...options,
      validate: [evalListSchema, 'evals.list', query],
    });
  }

  /**
   * Polls a run until it completes and resolves with it (scores, winner); `options` may also carry
   * request options for the polls.
   *
   * @throws {EvalFailedError} when the run fails
   * @throws {JobTimeoutError} after `timeout` (default 10 minutes)
   * @throws {APIUserAbortError} as soon as `signal` aborts
   */
  wait(id: string, options?: EvalWaitOptions): APIPromise<CompletedEvalRun> {
    const retrieve = (request: RequestOptions) => this.retrieve(id, request);
    return waitUntilSettled<EvalRun, CompletedEvalRun>(id, retrieve, evalFailed, undefined, options);
  }
}
