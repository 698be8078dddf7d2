import { ApiError } from '../../http/errors.js';
import type { Clock, Scheduler } from '../../runtime/clock.js';
import type { EmulatorState } from '../../runtime/state.js';
import type { Accounts } from '../accounts/accounts.js';
import type { ChargeRecord, Metering } from '../accounts/metering.js';
import type { LifecycleView, ModelLifecycles } from '../catalog/lifecycle.js';
import type { Evals } from '../evals/evals.js';
import type { Replays } from '../evals/replays.js';
import type { Files } from '../files/files.js';
import type { Jobs } from '../jobs/jobs.js';
import type { DeliveryLogEntry, Webhooks } from '../jobs/webhooks.js';
import type { Recording, RecordingStatus } from '../recording/recording.js';
import type { FaultRule, FaultRuleInput, Faults } from './faults.js';
import type { RequestJournal } from './journal.js';
import type { RequestLog, RequestRecord } from './requests.js';
import type { ScenarioRuleInput } from './scenario-schema.js';
import type { ScenarioRule, Scenarios } from './scenarios.js';

export type { DeliveryLogEntry } from '../jobs/webhooks.js';

/** Test and tooling control over a running emulator (also served under `/_emulator/*`). */
export interface EmulatorControl {
  /** Emulator time, Unix seconds. */
  now(): number;
  /** Moves the clock forward, fires due job transitions and webhook retries, and waits for them. */
  advance(seconds: number): Promise<void>;
  /** Waits until no due work or webhook delivery is running. */
  settle(): Promise<void>;
  /**
   * Moves a model through its lifecycle on the emulator clock: deprecated from `deprecatedAt`
   * (`Deprecation`/`Sunset` headers), pruned from `sunsetAt` (404 naming `successor`, floating names
   * move on). Times are Unix seconds or ISO 8601; `deprecatedAt: null` makes the model current again.
   */
  setModelLifecycle(input: ModelLifecycleInput): LifecycleView;
  /** Adds a fault rule (`x-aig-fault` syntax) for matching requests. */
  addFault(rule: FaultRuleInput): FaultRule;
  clearFaults(): void;
  faults(): FaultRule[];
  /**
   * Adds scenario rules (one, or `{ scenarios: [...] }`) after the existing ones; throws a
   * `ScenarioValidationError` (one line per bad rule) and adds none when any is wrong.
   */
  addScenarios(
    rules: ScenarioRuleInput | ScenarioRuleInput[] | { scenarios: ScenarioRuleInput[] },
  ): ScenarioRule[];
  /** The scenario rules in match order, with their hit counts. */
  scenarios(): ScenarioRule[];
  /** Removes one scenario rule; false when there is none with that id. */
  removeScenario(id: string): boolean;
  /** Back to the `scenarios` option's (`--scenario` file's) rules, hit counts zeroed. */
  resetScenarios(): ScenarioRule[];
  /** The webhook delivery log, oldest first. */
  deliveries(): DeliveryLogEntry[];
  /** Stored requests (the last `maxStoredRequests`), oldest first. */
  requests(): RequestRecord[];
  /** The request journal: find, count and expect requests by filter. */
  readonly journal: RequestJournal;
  /** Snapshots of every job. */
  jobs(): ReturnType<Jobs['snapshot']>[];
  /** Every recorded charge (the last `maxStoredRequests`), oldest first. */
  charges(): ChargeRecord[];
  /** Counts of everything the emulator holds, the clock, and how streams are paced. */
  state(): Record<string, unknown>;
  /** Forgets all state (sub-accounts, jobs, usage, faults…) and the clock offset. */
  reset(): void;
  /** Record/replay mode, counts, and the contract violations found in upstream answers (the last 100). */
  recording(): RecordingStatus;
  /** Writes the `--state` file now. */
  flush(): Promise<void>;
}

/** A model's lifecycle for `setModelLifecycle` (and `POST /_emulator/models/lifecycle`). */
export interface ModelLifecycleInput {
  /** A pinned model slug from the catalog. */
  model: string;
  /** When it is deprecated (Unix seconds or ISO 8601); `null` makes it current again. */
  deprecatedAt: number | string | null;
  /** When it is pruned; omitted or `null`: not scheduled. */
  sunsetAt?: number | string | null;
  /** The model to move to; floating names resolve to it once this one is deprecated. */
  successor?: string | null;
}

/** The domains the control API reads, counts and resets. */
export interface ControlDeps {
  clock: Clock;
  scheduler: Scheduler;
  state: EmulatorState;
  faults: Faults;
  scenarios: Scenarios;
  requests: RequestLog;
  journal: RequestJournal;
  accounts: Accounts;
  metering: Metering;
  jobs: Jobs;
  webhooks: Webhooks;
  evals: Evals;
  replays: Replays;
  files: Files;
  lifecycles: ModelLifecycles;
  recording: Recording;
  /** How streamed chats are paced (reported by `state()`). */
  streaming: { keepaliveMs: number; chunkDelayMs: number };
}

/** The longest clock move `advance` takes: ten years, in seconds (further breaks usage months and timers). */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;

const countBy = <T extends string>(values: T[], keys: readonly T[]) =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length]));

export function createControl(d: ControlDeps): EmulatorControl {
  return {
    now: () => d.clock.now(),
    advance: (seconds) => {
      if (!(Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_ADVANCE_SECONDS))
        throw new TypeError(
          `advance(seconds) needs a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (ten years).`,
        );
      d.state.changed();
      return d.scheduler.advance(seconds);
    },
    settle: async () => {
      await d.scheduler.settle();
      await d.recording.settle();
    },
    setModelLifecycle: (input) => {
      const deprecatedAt = toSeconds(input.deprecatedAt, 'deprecated_at');
      const sunsetAt = toSeconds(input.sunsetAt ?? null, 'sunset_at');
      if (deprecatedAt !== null && sunsetAt !== null && sunsetAt < deprecatedAt)
        throw new ApiError(400, 'invalid_value', 'sunset_at must not be before deprecated_at.', {
          param: 'sunset_at',
        });
      d.lifecycles.set(
        input.model,
        deprecatedAt === null
          ? null
          : { deprecated_at: deprecatedAt, sunset_at: sunsetAt, successor: input.successor ?? null },
      );
      return d.lifecycles.view(input.model);
    },
    addFault: (rule) => d.faults.add(rule),
    clearFaults: () => d.faults.clear(),
    faults: () => d.faults.list(),
    addScenarios: (rules) => d.scenarios.add(Array.isArray(rules) ? { scenarios: rules } : rules),
    scenarios: () => d.scenarios.list(),
    removeScenario: (id) => d.scenarios.remove(id),
    resetScenarios: () => {
      d.scenarios.clear();
      return d.scenarios.list();
    },
    deliveries: () => d.webhooks.list(),
    requests: () => d.requests.list(),
    journal: d.journal,
    jobs: () => d.jobs.list(),
    charges: () => d.metering.list(),
    state: () => {
      const jobs = d.jobs.list().map((j) => j.status);
      const deliveries = d.webhooks.list().map((w) => w.status);
      const charges = d.metering.list();
      return {
        clock: {
          now: d.clock.now(),
          offset_seconds: d.clock.offsetMs / 1000,
          time_scale: d.clock.timeScale,
        },
        jobs: { total: jobs.length, ...countBy(jobs, ['queued', 'running', 'completed', 'failed']) },
        sub_accounts: d.accounts.count,
        charges: charges.length,
        charged_cents: Math.round(charges.reduce((s, c) => s + c.cost_cents, 0) * 1000) / 1000,
        requests: d.requests.count,
        deliveries: { total: deliveries.length, ...countBy(deliveries, ['pending', 'delivered', 'failed']) },
        evals: d.evals.count,
        replays: d.replays.count,
        files: d.files.count,
        faults: d.faults.list().length,
        scenarios: d.scenarios.size,
        scheduled: d.scheduler.pending,
        streaming: { chunk_delay_ms: d.streaming.chunkDelayMs, keepalive_ms: d.streaming.keepaliveMs },
      };
    },
    recording: () => d.recording.status(),
    reset: () => d.state.reset(),
    flush: () => d.state.flush(),
  };
}

/** Unix seconds from seconds or an ISO 8601 date or date-time; `null` stays `null`. */
function toSeconds(value: number | string | null | undefined, param: string): number | null {
  if (value === null || value === undefined) return null;
  const seconds = typeof value === 'number' ? value : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds)) {
    throw new ApiError(
      400,
      'invalid_value',
      `${param} must be Unix seconds or an ISO 8601 date or date-time (e.g. 2026-09-29 or 2026-09-29T00:00:00Z), or null.`,
      { param },
    );
  }
  return Math.floor(seconds);
}
