import { z } from 'zod';

/**
 * The shape of a `--state` file, checked at start so a corrupt or hand-edited file is one clear
 * error naming it, never a crash later (a job missing its times fired `NaN` timers). Records keep
 * unknown fields (a newer emulator's); the fields the emulator reads must have their types.
 */

const id = z.string().min(1);
const owner = z.string().nullable();
const time = z.number().finite();
const tag = z.string().nullable();
const record = z.record(z.string(), z.unknown());
const recipe = z.looseObject({ kind: z.string() });

const file = z.looseObject({ path: id, owner, created_at: time, recipe });

const subAccount = z.looseObject({
  id,
  name: z.string(),
  spend_cap_cents: z.number().nonnegative().nullable(),
  rate_limit_rpm: z.number().nonnegative().nullable(),
  default_tag: tag,
  metadata: record,
  key_prefix: z.string(),
  key_hash: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: time,
});

const charge = z.looseObject({
  id,
  request_id: z.string(),
  created_at: time,
  model: z.string(),
  tag,
  sub_account_id: owner,
  cost_cents: time,
  byok: z.boolean(),
  refunded: z.boolean(),
});

const bucket = z.looseObject({
  month: z.string(),
  sub_account_id: owner,
  tag,
  requests: time,
  cost_cents: time,
});

const job = z.looseObject({
  id,
  type: z.string(),
  model: z.string(),
  owner,
  created_ms: time,
  started_ms: time,
  ends_ms: time,
  fail: z.boolean(),
  webhook_url: z.string().nullable(),
  tag,
  metadata: record,
  request_id: z.string(),
  price_cents: time,
  byok: z.boolean(),
  origin: z.string(),
  recipe,
  result_path: z.string(),
  result: z.looseObject({ content_type: z.string(), bytes: time }).nullable(),
  finalized: z.boolean(),
});

const delivery = z.looseObject({
  id,
  event: z.string(),
  url: z.string(),
  job_id: z.string(),
  owner,
  body: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(record),
  next_attempt_at: time.nullable(),
  created_at: time,
});

const evalRun = z.looseObject({
  id,
  owner,
  candidate_models: z.array(z.string()),
  created_ms: time,
  started_ms: time,
  ends_ms: time,
  scores: z.array(record),
  billed: z.boolean(),
});

const storedResponse = z.object({
  status: z.number().int(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
});

const idempotencyEntry = z.tuple([
  z.string(),
  z.looseObject({ fingerprint: z.string(), created_at: time, response: storedResponse.nullable() }),
]);

/** A whole state file: every part optional (an older file lacks newer parts). */
export const stateFileSchema = z.looseObject({
  version: z.literal(1),
  clock_offset_ms: time.optional(),
  file_secret: z.string().min(32).optional(),
  files: z.array(file).optional(),
  sub_accounts: z.array(subAccount).optional(),
  usage: z.looseObject({ buckets: z.array(bucket), charges: z.array(charge) }).optional(),
  jobs: z.array(job).optional(),
  deliveries: z.array(delivery).optional(),
  evals: z.array(evalRun).optional(),
  requests: z.array(z.looseObject({ id })).optional(),
  replays: z.array(z.looseObject({ id, owner, body: record })).optional(),
  idempotency: z.array(idempotencyEntry).optional(),
});

/** The first problem in a state file, as `at jobs[0].ends_ms: expected number, got undefined`. */
export function stateFileProblem(value: unknown): string | undefined {
  const result = stateFileSchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const at = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  return `${at ? `at ${at}: ` : ''}${issue.message}`;
}
