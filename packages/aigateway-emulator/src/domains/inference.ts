import type { Core } from '../core.js';
import type { RequestState } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import type { Principal } from './accounts.js';
import type { Modality, ModelSpec } from './catalog-data.js';
import { resolveModel } from './catalog.js';
import { monthBounds } from './clock.js';
import { type Meter, price } from './metering.js';

/** What an inference handler gets besides its validated input and resolved model. */
export interface InferenceContext {
  core: Core;
  state: RequestState;
  headers: Headers;
  /** True when the request carries `x-byok-<provider>` for the model's provider (metered at 5%). */
  byok: boolean;
}

/** A handler's result: a JSON body (or a ready Response for binary and streams) and what to bill. */
export interface Outcome {
  status?: number;
  body?: unknown;
  response?: Response;
  /** Billed now; omitted when billing happens later (async jobs bill on completion). */
  meter?: Meter;
}

/** One inference endpoint: where it lives, which modality it serves, and its handler. */
export interface Endpoint {
  path: string;
  modality: Modality;
  multipart?: boolean;
  /** Used when the request has no `model` (moderations). */
  defaultModel?: string;
  run(input: Record<string, unknown>, model: ModelSpec, ctx: InferenceContext): Outcome | Promise<Outcome>;
}

/** `x-byok-<provider>` for the model's provider; the value is checked but never logged or echoed. */
function byokFor(spec: ModelSpec, headers: Headers): boolean {
  const name = `x-byok-${spec.id.slice(0, spec.id.indexOf('/'))}`;
  const value = headers.get(name);
  if (value === null) return false;
  if (value.trim().length === 0 || value.length > 512) {
    throw new ApiError(400, 'invalid_value', `${name} must be your provider API key (1–512 characters).`, {
      param: name,
    });
  }
  return true;
}

/** Spend caps are enforced before dispatch, so a blocked request costs nothing. */
export function assertWithinCap(core: Core, principal: Principal): void {
  const id = principal.subAccountId;
  if (id === null) return;
  const cap = core.accounts.subAccounts.get(id)?.spend_cap_cents;
  if (cap === null || cap === undefined) return;
  const now = core.clock.now();
  const spent = core.metering.spent(id, now);
  if (spent < cap) return;
  const resetsAt = monthBounds(now).end;
  throw new ApiError(
    402,
    'budget_exceeded',
    `Sub-account ${id} reached its monthly spend cap of ${cap} cents (spent ${spent}); raise it with PATCH /v1/sub-accounts/${id} or wait until the cap resets at ${new Date(resetsAt * 1000).toISOString()}. This request was not charged.`,
    { spend_cap_cents: cap, spent_cents: spent, resets_at: resetsAt, sub_account_id: id },
  );
}

/** Resolves the model (floating names, `eval:<id>` on chat), checks the cap, runs the handler and meters it. */
export async function execute(
  endpoint: Endpoint,
  input: Record<string, unknown>,
  ctx: Omit<InferenceContext, 'byok'>,
): Promise<Outcome> {
  const { core, state } = ctx;
  const requested = typeof input.model === 'string' ? input.model : endpoint.defaultModel!;
  const slug =
    endpoint.modality === 'chat' && requested.startsWith('eval:')
      ? core.evals.resolveAlias(requested, state.principal)
      : requested;
  const spec = resolveModel(slug, endpoint.modality);
  const byok = byokFor(spec, ctx.headers);
  assertWithinCap(core, state.principal);
  const outcome = await endpoint.run(input, spec, { ...ctx, byok });
  if (outcome.meter) {
    core.metering.record({
      id: core.ids.prefixed('chg_'),
      request_id: state.requestId,
      created_at: core.clock.now(),
      model: spec.id,
      endpoint: endpoint.path,
      tag: state.tag,
      sub_account_id: state.principal.subAccountId,
      cost_cents: price(spec, outcome.meter, byok),
      input_tokens: outcome.meter.input_tokens ?? 0,
      output_tokens: outcome.meter.output_tokens ?? 0,
      byok,
      refunded: false,
    });
  }
  return outcome;
}
