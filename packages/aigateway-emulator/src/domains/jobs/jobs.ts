import { operation } from '../../contract/operations.js';
import { notFound } from '../../http/errors.js';
import type { Clock, Scheduler } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import type { Principal } from '../accounts/accounts.js';
import type { ChargeFields } from '../accounts/spend-cap.js';
import type { Files } from '../files/files.js';
import { contentTypeOf, type FileRecipe, renderFile } from '../files/recipes.js';
import type { Webhooks } from './webhooks.js';

export type JobType = 'video' | 'music' | '3d';

export interface JobRecord {
  id: string;
  type: JobType;
  model: string;
  owner: string | null;
  created_ms: number;
  started_ms: number;
  ends_ms: number;
  fail: boolean;
  /** The error a failed job reports (a scenario's); default a provider error. */
  error?: { code: string; message: string };
  webhook_url: string | null;
  tag: string | null;
  metadata: Record<string, unknown>;
  request_id: string;
  /** What the job costs, reserved from dispatch, charged when it completes (a failed job is not charged). */
  price_cents: number;
  byok: boolean;
  origin: string;
  recipe: FileRecipe;
  result_path: string;
  result: { content_type: string; bytes: number; duration?: number } | null;
  finalized: boolean;
}

/** The spend-cap ledger, which holds each job's price from dispatch until it ends. */
export interface JobHooks {
  /** Turns the job's reservation into its charge (it completed). */
  settleJob(jobId: string, charge: ChargeFields): void;
  /** Drops the job's reservation (it failed). */
  releaseJob(jobId: string): void;
}

/** The operation that creates each type of job. */
const GENERATION: Record<JobType, string> = {
  video: 'createVideoGeneration',
  music: 'createMusicGeneration',
  '3d': 'createThreeDGeneration',
};

const ext: Record<FileRecipe['kind'], (r: FileRecipe) => string> = {
  video: () => 'video.mp4',
  music: () => 'music.wav',
  '3d': (r) => `model.${r.kind === '3d' ? r.format : 'glb'}`,
  image: () => 'image.png',
};

/** Async jobs: queued → running → completed | failed on the emulator clock, then charged and announced. */
export class Jobs implements StatePart<{ jobs: JobRecord[] }> {
  private readonly records = new Map<string, JobRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly files: Files,
    private readonly webhooks: Webhooks,
    private readonly hooks: JobHooks,
    private readonly changed: () => void,
  ) {}

  /** Creates a job whose phases last `queuedS` and `runningS` nominal seconds (divided by the time scale). */
  create(
    fields: Omit<JobRecord, 'created_ms' | 'started_ms' | 'ends_ms' | 'result_path' | 'result' | 'finalized'>,
    queuedS: number,
    runningS: number,
  ): JobRecord {
    const created = this.clock.nowMs();
    const started = created + this.clock.scaled(queuedS);
    const running = this.clock.scaled(runningS);
    const job: JobRecord = {
      ...fields,
      created_ms: created,
      started_ms: started,
      ends_ms: started + (fields.fail ? running / 2 : running),
      result_path: `jobs/${fields.id}/${ext[fields.recipe.kind](fields.recipe)}`,
      result: null,
      finalized: false,
    };
    this.records.set(job.id, job);
    this.arm(job);
    this.changed();
    return job;
  }

  get(id: string, principal: Principal): JobRecord {
    const job = this.records.get(id);
    if (!job || (principal.subAccountId !== null && job.owner !== principal.subAccountId)) {
      throw notFound('job', id, 'Check the id returned by the generation request (202 response).');
    }
    return job;
  }

  /** The contract's Job object as of `now` (ms); `result_url` is signed for `urlTtlS` seconds. */
  snapshot(job: JobRecord, urlTtlS = 3600, now = this.clock.nowMs()) {
    if (now >= job.ends_ms) this.finalize(job);
    const status =
      now < job.started_ms ? 'queued' : now < job.ends_ms ? 'running' : job.fail ? 'failed' : 'completed';
    const total = (job.ends_ms - job.started_ms) * (job.fail ? 2 : 1) || 1;
    const progress =
      status === 'queued'
        ? 0
        : status === 'completed'
          ? 100
          : Math.min(99, Math.floor((100 * (Math.min(now, job.ends_ms) - job.started_ms)) / total));
    const done = status === 'completed' || status === 'failed';
    const seconds = (ms: number) => Math.floor(ms / 1000);
    return {
      id: job.id,
      object: 'job' as const,
      type: job.type,
      model: job.model,
      status,
      progress,
      created_at: seconds(job.created_ms),
      started_at: status === 'queued' ? null : seconds(job.started_ms),
      completed_at: done ? seconds(job.ends_ms) : null,
      result_url:
        status === 'completed'
          ? this.files.signedUrl(job.origin, job.result_path, this.clock.now() + urlTtlS)
          : null,
      result: status === 'completed' ? job.result : null,
      error:
        status === 'failed'
          ? (job.error ?? {
              code: 'provider_error',
              message: `The provider failed to generate this ${job.type === '3d' ? '3D asset' : job.type}. Retry the request; you were not charged.`,
            })
          : null,
      webhook_url: job.webhook_url,
      tag: job.tag,
      metadata: job.metadata,
      request_id: job.request_id,
      cost_cents: status === 'completed' ? job.price_cents : 0,
    };
  }

  /** Snapshots of every job, oldest first. */
  list(): ReturnType<Jobs['snapshot']>[] {
    return [...this.records.values()].map((job) => this.snapshot(job));
  }

  save() {
    return { jobs: [...this.records.values()] };
  }

  /** Restores jobs; unfinished ones resume their schedule. */
  load(saved: { jobs?: JobRecord[] }): void {
    for (const job of saved.jobs ?? []) {
      this.records.set(job.id, job);
      if (!job.finalized) this.arm(job);
    }
  }

  clear(): void {
    this.records.clear();
  }

  private arm(job: JobRecord): void {
    this.scheduler.at(job.ends_ms, () => this.finalize(job));
  }

  /** Stores the result, charges a completed job and queues the webhook; runs once. */
  private finalize(job: JobRecord): void {
    if (job.finalized) return;
    job.finalized = true;
    if (!job.fail) {
      this.files.put(job.result_path, job.owner, job.recipe, Math.floor(job.ends_ms / 1000));
      const bytes = renderFile(job.recipe).length;
      const duration =
        job.recipe.kind === 'video' || job.recipe.kind === 'music' ? job.recipe.seconds : undefined;
      job.result = {
        content_type: contentTypeOf(job.recipe),
        bytes,
        ...(duration === undefined ? {} : { duration }),
      };
      this.hooks.settleJob(job.id, {
        request_id: job.request_id,
        created_at: Math.floor(job.ends_ms / 1000),
        model: job.model,
        endpoint: operation(GENERATION[job.type]).path,
        tag: job.tag,
        sub_account_id: job.owner,
        cost_cents: job.price_cents,
        input_tokens: 0,
        output_tokens: 0,
        byok: job.byok,
      });
    } else {
      this.hooks.releaseJob(job.id);
    }
    if (job.webhook_url) {
      const body = JSON.stringify(this.snapshot(job, 86_400));
      this.webhooks.enqueue(
        job.fail ? 'job.failed' : 'job.completed',
        job.webhook_url,
        job.id,
        job.owner,
        body,
      );
    }
    this.changed();
  }
}
