import type { Core } from '../core.js';
import type { ChargeRecord } from '../domains/metering.js';
import type { FaultRule, FaultRuleInput } from '../domains/faults.js';
import type { RequestRecord } from '../domains/requests.js';
import { type DeliveryAttempt, type DeliveryRecord, RETRY_SCHEDULE } from '../domains/webhooks.js';

/** A webhook delivery as the control API reports it. */
export interface DeliveryLogEntry {
  id: string;
  event: DeliveryRecord['event'];
  url: string;
  job_id: string;
  status: DeliveryRecord['status'];
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
  /** The attempts still to come and when (Unix seconds), should each of them fail. */
  schedule: { attempt: number; at: number }[];
  created_at: number;
}

/** When the remaining attempts of a pending delivery will run if each fails (the retry schedule ÷ time scale). */
function schedule(d: DeliveryRecord, core: Core): DeliveryLogEntry['schedule'] {
  if (d.next_attempt_at === null) return [];
  const out: DeliveryLogEntry['schedule'] = [];
  let at = d.next_attempt_at;
  for (let attempt = d.attempts.length + 1; attempt <= RETRY_SCHEDULE.length; attempt++) {
    if (out.length > 0) at += core.clock.scaled(RETRY_SCHEDULE[attempt - 1]!);
    out.push({ attempt, at: Math.floor(at / 1000) });
  }
  return out;
}

/** Test and tooling control over a running emulator (also served under `/_emulator/*`). */
export interface EmulatorControl {
  /** Emulator time, Unix seconds. */
  now(): number;
  /** Moves the clock forward, fires due job transitions and webhook retries, and waits for them. */
  advance(seconds: number): Promise<void>;
  /** Waits until no due work or webhook delivery is running. */
  settle(): Promise<void>;
  /** Adds a fault rule (`x-aig-fault` syntax) for matching requests. */
  addFault(rule: FaultRuleInput): FaultRule;
  clearFaults(): void;
  faults(): FaultRule[];
  /** The webhook delivery log, oldest first. */
  deliveries(): DeliveryLogEntry[];
  /** Stored requests (the last `maxStoredRequests`), oldest first. */
  requests(): RequestRecord[];
  /** Snapshots of every job. */
  jobs(): ReturnType<Core['jobs']['snapshot']>[];
  /** Every recorded charge (the last `maxStoredRequests`), oldest first. */
  charges(): ChargeRecord[];
  /** Counts of everything the emulator holds. */
  state(): Record<string, unknown>;
  /** Forgets all state (sub-accounts, jobs, usage, faults…) and the clock offset. */
  reset(): void;
  /** Writes the `--state` file now. */
  flush(): Promise<void>;
}

export function createControl(core: Core): EmulatorControl {
  return {
    now: () => core.clock.now(),
    advance: (seconds) => {
      if (!(Number.isFinite(seconds) && seconds >= 0))
        throw new TypeError('advance(seconds) needs a non-negative number of seconds.');
      core.changed();
      return core.scheduler.advance(seconds);
    },
    settle: () => core.scheduler.settle(),
    addFault: (rule) => core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    faults: () => core.faults.list(),
    deliveries: () =>
      [...core.webhooks.deliveries.values()].map((d) => ({
        id: d.id,
        event: d.event,
        url: d.url,
        job_id: d.job_id,
        status: d.status,
        // State files written before `headers` existed lack them.
        attempts: d.attempts.map((a) => ({ ...a, headers: { ...(a.headers ?? {}) } })),
        next_attempt_at: d.next_attempt_at === null ? null : Math.floor(d.next_attempt_at / 1000),
        schedule: schedule(d, core),
        created_at: d.created_at,
      })),
    requests: () => [...core.requests.records.values()],
    jobs: () => core.jobs.list().map((j) => core.jobs.snapshot(j)),
    charges: () => [...core.metering.charges.values()],
    state: () => {
      const jobs = core.jobs.list().map((j) => core.jobs.snapshot(j).status);
      const deliveries = [...core.webhooks.deliveries.values()];
      const charges = [...core.metering.charges.values()];
      return {
        clock: {
          now: core.clock.now(),
          offset_seconds: core.clock.offsetMs / 1000,
          time_scale: core.clock.timeScale,
        },
        jobs: {
          total: jobs.length,
          queued: jobs.filter((s) => s === 'queued').length,
          running: jobs.filter((s) => s === 'running').length,
          completed: jobs.filter((s) => s === 'completed').length,
          failed: jobs.filter((s) => s === 'failed').length,
        },
        sub_accounts: core.accounts.subAccounts.size,
        charges: charges.length,
        charged_cents: Math.round(charges.reduce((s, c) => s + c.cost_cents, 0) * 1000) / 1000,
        requests: core.requests.records.size,
        deliveries: {
          total: deliveries.length,
          pending: deliveries.filter((d) => d.status === 'pending').length,
          delivered: deliveries.filter((d) => d.status === 'delivered').length,
          failed: deliveries.filter((d) => d.status === 'failed').length,
        },
        evals: core.evals.records.size,
        replays: core.replays.size,
        files: core.files.records.size,
        faults: core.faults.list().length,
        scheduled: core.scheduler.pending,
      };
    },
    reset: () => core.reset(),
    flush: async () => {
      await core.persistence?.flush();
    },
  };
}
