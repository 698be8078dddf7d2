import { EventHub } from './control/events.js';
import { Accounts, type SubAccountRecord } from './domains/accounts.js';
import { type Clock, createClock, Scheduler } from './domains/clock.js';
import { type EvalRecord, Evals } from './domains/evals.js';
import { Faults } from './domains/faults.js';
import { type FileRecord, Files } from './domains/files.js';
import { Idempotency, type StoredResponse } from './domains/idempotency.js';
import { type JobRecord, Jobs } from './domains/jobs.js';
import { type ChargeRecord, Metering, type UsageBucket } from './domains/metering.js';
import { Persistence } from './domains/persistence.js';
import { RateLimiter } from './domains/rate-limit.js';
import { type RequestRecord, RequestLog } from './domains/requests.js';
import { type DeliveryRecord, Webhooks } from './domains/webhooks.js';
import type { ResolvedOptions } from './options.js';
import { createIds, type Ids } from './util/ids.js';
import { createRng } from './util/rng.js';

export interface ReplayRecord {
  id: string;
  owner: string | null;
  body: Record<string, unknown>;
}

/** Everything `--state` saves. */
export interface StateFile {
  version: 1;
  clock_offset_ms: number;
  file_secret: string;
  sub_accounts: SubAccountRecord[];
  usage: { buckets: UsageBucket[]; charges: ChargeRecord[] };
  jobs: JobRecord[];
  deliveries: DeliveryRecord[];
  evals: EvalRecord[];
  files: FileRecord[];
  requests: RequestRecord[];
  replays: ReplayRecord[];
  idempotency: [string, { fingerprint: string; created_at: number; response: StoredResponse | null }][];
}

/** The emulator's state and domains, shared by the HTTP app, MCP tools and the control API. */
export interface Core {
  options: ResolvedOptions;
  clock: Clock;
  scheduler: Scheduler;
  ids: Ids;
  accounts: Accounts;
  rateLimiter: RateLimiter;
  metering: Metering;
  files: Files;
  jobs: Jobs;
  webhooks: Webhooks;
  evals: Evals;
  requests: RequestLog;
  replays: Map<string, ReplayRecord>;
  idempotency: Idempotency;
  faults: Faults;
  persistence: Persistence<StateFile> | undefined;
  /** Live events for the console (`GET /_emulator/events`). */
  events: EventHub;
  secrets: { file: string };
  changed(): void;
  reset(): void;
}

export function createCore(options: ResolvedOptions): Core {
  const persistence = options.stateFile
    ? new Persistence<StateFile>(options.stateFile, () => snapshot(core))
    : undefined;
  const saved = persistence?.load();
  const events = new EventHub();
  const changed = () => {
    persistence?.markDirty();
    events.emit({ type: 'changed' });
  };
  const clock = createClock(options.timeScale, saved?.clock_offset_ms ?? 0);
  const scheduler = new Scheduler(clock);
  const ids = createIds(options.seed);
  const secrets = { file: saved?.file_secret ?? ids.hex(32) };
  const metering = new Metering(options.maxStoredRequests, changed);
  const chargeNow = (c: Omit<ChargeRecord, 'id' | 'refunded'>) =>
    metering.record({ ...c, id: ids.prefixed('chg_'), refunded: false });
  const files = new Files(() => secrets.file, changed);
  const webhooks = new Webhooks(options, clock, scheduler, ids, changed);
  const core: Core = {
    options,
    clock,
    scheduler,
    ids,
    accounts: new Accounts(options.apiKey, ids, changed),
    rateLimiter: new RateLimiter(),
    metering,
    files,
    jobs: new Jobs(clock, scheduler, files, webhooks, { charge: chargeNow }, changed),
    webhooks,
    evals: new Evals(clock, scheduler, chargeNow, changed),
    requests: new RequestLog(options.maxStoredRequests, (record) => events.emit({ type: 'request', record })),
    replays: new Map(),
    idempotency: new Idempotency(changed),
    faults: new Faults(createRng(options.seed ?? 1)),
    persistence,
    events,
    secrets,
    changed,
    reset() {
      scheduler.clear();
      for (const part of [
        core.accounts,
        core.rateLimiter,
        metering,
        files,
        core.jobs,
        core.evals,
        core.requests,
        core.replays,
        core.idempotency,
        core.faults,
      ])
        part.clear();
      webhooks.deliveries.clear();
      clock.offsetMs = 0;
      changed();
      events.emit({ type: 'reset' });
    },
  };
  if (saved) restore(core, saved);
  return core;
}

function snapshot(core: Core): StateFile {
  return {
    version: 1,
    clock_offset_ms: core.clock.offsetMs,
    file_secret: core.secrets.file,
    sub_accounts: [...core.accounts.subAccounts.values()],
    usage: core.metering.snapshot(),
    jobs: core.jobs.list(),
    deliveries: [...core.webhooks.deliveries.values()],
    evals: [...core.evals.records.values()],
    files: [...core.files.records.values()],
    requests: [...core.requests.records.values()],
    replays: [...core.replays.values()],
    idempotency: core.idempotency.snapshot(),
  };
}

function restore(core: Core, s: StateFile): void {
  if (s.version !== 1)
    throw new Error(
      `Unsupported state file version ${String(s.version)}; delete the file or use another --state path.`,
    );
  for (const sa of s.sub_accounts ?? []) core.accounts.put(sa);
  core.metering.restore(s.usage ?? { buckets: [], charges: [] });
  for (const j of s.jobs ?? []) core.jobs.records.set(j.id, j);
  for (const d of s.deliveries ?? []) core.webhooks.deliveries.set(d.id, d);
  for (const e of s.evals ?? []) core.evals.records.set(e.id, e);
  for (const f of s.files ?? []) core.files.records.set(f.path, f);
  // State files written before `key` existed: the kind is unknown.
  for (const r of s.requests ?? []) core.requests.add({ ...r, key: r.key ?? null });
  for (const r of s.replays ?? []) core.replays.set(r.id, r);
  core.idempotency.restore(s.idempotency ?? []);
  core.jobs.resume();
  core.evals.resume();
  core.webhooks.resume();
}
