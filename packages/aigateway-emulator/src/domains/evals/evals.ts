import { operation } from '../../contract/operations.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { Clock, Scheduler } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { roundCents } from '../../util/text.js';
import type { Principal } from '../accounts/accounts.js';
import type { Hold } from '../accounts/spend-cap.js';
import type { JobHooks } from '../jobs/jobs.js';
import { resolveModel } from '../catalog/catalog.js';
import { type EvalInput, type EvalScore, type Metric, scoreCandidates } from './scoring.js';

export type { EvalInput, EvalScore, Metric } from './scoring.js';

export interface EvalRecord {
  id: string;
  owner: string | null;
  name: string;
  metric: Metric;
  candidate_models: string[];
  dataset_size: number;
  created_ms: number;
  started_ms: number;
  ends_ms: number;
  scores: EvalScore[];
  request_id: string;
  tag: string | null;
  byok: boolean;
  billed: boolean;
  /** Ends `failed` halfway through running (`x-aig-fault: eval=fail`); absent in older state files. */
  fail?: boolean;
}

/** Why a failed run failed: its first candidate's provider, as a job's `provider_error`. */
function failure(r: EvalRecord) {
  const model = r.candidate_models[0] ?? 'a candidate';
  const provider = model.split('/')[0];
  return {
    code: 'provider_error',
    message: `${provider} kept failing while ${model} was graded; start a new run (POST /v1/evals), or drop that candidate. You were not charged.`,
  };
}

/** Eval runs: graded at creation, revealed on the clock (queued → running → completed | failed). */
export class Evals implements StatePart<{ evals: EvalRecord[] }> {
  private readonly records = new Map<string, EvalRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly ledger: JobHooks,
    private readonly changed: () => void,
  ) {}

  /**
   * Grades the run and holds its whole price under the spend cap before it is queued: `reserve`
   * throws 402 when the price does not fit, and nothing is recorded. The hold is settled into the
   * candidates' charges when the run completes, and released when it fails.
   */
  create(
    id: string,
    input: EvalInput,
    meta: { owner: string | null; request_id: string; tag: string | null; byok: boolean; fail: boolean },
    reserve: (cents: number) => Hold,
  ): EvalRecord {
    const scores = scoreCandidates(input);
    reserve(roundCents(scores.reduce((sum, s) => sum + this.cost(s, meta.byok), 0))).attach(id);
    const created = this.clock.nowMs();
    const started = created + this.clock.scaled(0.5);
    const running = this.clock.scaled(1 + input.dataset.length * 0.01);
    const record: EvalRecord = {
      id,
      ...meta,
      name: input.name,
      metric: input.metric,
      candidate_models: input.candidate_models,
      dataset_size: input.dataset.length,
      created_ms: created,
      started_ms: started,
      ends_ms: started + (meta.fail ? running / 2 : running),
      scores,
      billed: false,
    };
    this.records.set(id, record);
    this.arm(record);
    this.changed();
    return record;
  }

  get(id: string, principal: Principal): EvalRecord {
    const record = this.records.get(id);
    if (!record || (principal.subAccountId !== null && record.owner !== principal.subAccountId)) {
      throw notFound('eval run', id, 'List your runs with GET /v1/evals.');
    }
    return record;
  }

  list(principal: Principal): EvalRecord[] {
    return [...this.records.values()]
      .filter((r) => principal.subAccountId === null || r.owner === principal.subAccountId)
      .sort((a, b) => b.created_ms - a.created_ms);
  }

  /** `eval:<id>` → the run's winner; 400 while it has none, 404 for an unknown run. */
  resolveAlias(alias: string, principal: Principal): string {
    const id = alias.slice('eval:'.length);
    let record: EvalRecord;
    try {
      record = this.get(id, principal);
    } catch {
      throw new ApiError(
        404,
        'not_found',
        `No eval run '${id}' for this key, so '${alias}' cannot be resolved. Create one with POST /v1/evals, or check the id.`,
        { param: 'model' },
      );
    }
    const run = this.snapshot(record);
    if (run.error) {
      throw new ApiError(
        400,
        'invalid_value',
        `Eval run ${id} failed (${run.error.message}), so '${alias}' has no winner. Start a new run with POST /v1/evals, or use a model slug.`,
        { param: 'model' },
      );
    }
    const winner = run.winner;
    if (!winner) {
      throw new ApiError(
        400,
        'invalid_value',
        `Eval run ${id} has no winner yet (it is still running). Wait for it to complete (GET /v1/evals/${id}) or use a model slug.`,
        { param: 'model' },
      );
    }
    return winner;
  }

  /** The contract's EvalRun as of `now` (ms). */
  snapshot(r: EvalRecord, now = this.clock.nowMs()) {
    if (now >= r.ends_ms) this.bill(r);
    const status =
      now < r.started_ms ? 'queued' : now < r.ends_ms ? 'running' : r.fail ? 'failed' : 'completed';
    const ended = status === 'completed' || status === 'failed';
    return {
      id: r.id,
      object: 'eval' as const,
      name: r.name,
      status,
      metric: r.metric,
      candidate_models: r.candidate_models,
      dataset_size: r.dataset_size,
      scores: status === 'completed' ? r.scores : [],
      winner: status === 'completed' ? (r.scores[0]?.model ?? null) : null,
      alias: `eval:${r.id}`,
      created_at: Math.floor(r.created_ms / 1000),
      completed_at: ended ? Math.floor(r.ends_ms / 1000) : null,
      error: status === 'failed' ? failure(r) : null,
    };
  }

  get count(): number {
    return this.records.size;
  }

  save() {
    return { evals: [...this.records.values()] };
  }

  /** Restores runs; unbilled ones are billed when they end. */
  load(saved: { evals?: EvalRecord[] }): void {
    for (const r of saved.evals ?? []) {
      this.records.set(r.id, r);
      if (!r.billed) this.arm(r);
    }
  }

  clear(): void {
    this.records.clear();
  }

  private arm(r: EvalRecord): void {
    this.scheduler.at(r.ends_ms, () => this.bill(r));
  }

  /** What a candidate's calls cost: BYOK pays the 5 % platform fee only. */
  private cost(s: EvalScore, byok: boolean): number {
    return byok ? roundCents(s.cost_cents * 0.05) : s.cost_cents;
  }

  /** The candidates' calls are billed like any other request, once the run completes; a failed run costs nothing. */
  private bill(r: EvalRecord): void {
    if (r.billed) return;
    r.billed = true;
    if (r.fail) this.ledger.releaseJob(r.id);
    for (const s of r.fail ? [] : r.scores) {
      // The first settle drops the run's reservation; every candidate becomes its own charge.
      this.ledger.settleJob(r.id, {
        request_id: r.request_id,
        created_at: Math.floor(r.ends_ms / 1000),
        model: resolveModel(s.model, 'chat').id,
        endpoint: operation('createEval').path,
        tag: r.tag,
        sub_account_id: r.owner,
        cost_cents: this.cost(s, r.byok),
        input_tokens: 0,
        output_tokens: 0,
        byok: r.byok,
      });
    }
    this.changed();
  }
}
