import { type OperationId, headers as wireHeaders } from 'aigateway-contract';
import { operation } from '../../contract/operations.js';
import { ApiError } from '../../http/errors.js';
import type { Clock } from '../../runtime/clock.js';
import type { Ids } from '../../util/ids.js';
import type { Accounts, Principal } from '../accounts/accounts.js';
import { type Meter, type Metering, price } from '../accounts/metering.js';
import type { ChargeFields, Hold, SpendCaps } from '../accounts/spend-cap.js';
import type { DeprecationNotice, ModelLifecycles } from '../catalog/lifecycle.js';
import type { Modality, ModelSpec } from '../catalog/models.js';
import type { FaultPlan } from '../control/faults.js';
import type { ScenarioReply } from '../control/scenario-schema.js';
import type { Evals } from '../evals/evals.js';
import type { Files } from '../files/files.js';
import type { Jobs } from '../jobs/jobs.js';

/** What inference endpoints work with: the emulator's clock and ids, and the domains they bill, store or queue in. */
export interface InferenceServices {
  clock: Clock;
  ids: Ids;
  accounts: Accounts;
  metering: Metering;
  /** The catalog as of the emulator clock: deprecations, prunes, floating names moving on. */
  lifecycles: ModelLifecycles;
  /** Spend-cap reservations: every billable request holds its price from dispatch until it is charged. */
  caps: SpendCaps;
  evals: Evals;
  files: Files;
  jobs: Jobs;
  /** SSE keep-alive interval and pause between streamed chunks, in ms. */
  streaming: { keepaliveMs: number; chunkDelayMs: number };
}

/** One call of an endpoint: who makes it, under which request id, with which faults. */
export interface InferenceCall {
  requestId: string;
  principal: Principal;
  tag: string | null;
  /** `scheme://host[:port]` the client used, for URLs in responses. */
  origin: string;
  fault: FaultPlan | undefined;
  headers: Headers;
  /** What a scenario rule scripted for this request, applied over the deterministic reply. */
  scripted?: ScenarioReply | undefined;
}

/** What an endpoint's handler gets besides its validated input and resolved model. */
export interface InferenceContext extends InferenceServices {
  call: InferenceCall;
  /** True when the request carries `x-byok-<provider>` for the model's provider (metered at 5%). */
  byok: boolean;
  /** The request's spend-cap reservation; a job takes it over (`attach`), a stream settles it at its end. */
  hold: Hold;
}

/** A handler's result: a JSON body (or a ready Response for binary and streams) and what to bill. */
export interface Outcome {
  status?: number;
  body?: unknown;
  response?: Response;
  /** What the request consumed; omitted when billing happens later (async jobs bill on completion). */
  meter?: Meter;
  /** The stream settles (or releases) the hold itself, when it ends; `execute` only sizes it. */
  settlesLater?: boolean;
  /** Set when the model is deprecated: the response carries `Deprecation`, `Sunset` and `Link`. */
  deprecation?: DeprecationNotice;
}

/** One inference endpoint: its contract operation, which modality it serves, and its handler. */
export interface Endpoint<Input = Record<string, unknown>> {
  operationId: OperationId;
  modality: Modality;
  multipart?: boolean;
  /** Used when the request has no `model` (moderations). */
  defaultModel?: string;
  /** What the request will consume, known from its parameters before dispatch (a video's duration). */
  quote?(input: Input, model: ModelSpec): Meter;
  run(input: Input, model: ModelSpec, ctx: InferenceContext): Outcome | Promise<Outcome>;
}

/** `x-byok-<provider>` for the model's provider; the value is checked but never logged or echoed. */
const byok = wireHeaders.byok;

function byokFor(spec: ModelSpec, headers: Headers): boolean {
  const name = `${byok.prefix}${spec.id.slice(0, spec.id.indexOf('/'))}`;
  const value = headers.get(name);
  if (value === null) return false;
  if (value.trim().length < byok.minLength || value.length > byok.maxLength) {
    throw new ApiError(
      400,
      'invalid_value',
      `${name} must be your provider API key (${byok.minLength}–${byok.maxLength} characters).`,
      { param: name },
    );
  }
  return true;
}

/**
 * Resolves the model (floating names, `eval:<id>` on chat), reserves the request's price under
 * the spend cap, runs the handler and settles what it consumed.
 *
 * The reservation is made before the handler runs, in the same synchronous step as the cap
 * check. Handlers without a `quote` reserve nothing up front and are sized to their real price
 * right after running (still before anything is sent); handlers are synchronous, so no other
 * request comes between the check and the reservation.
 */
export async function execute(
  endpoint: Endpoint,
  input: Record<string, unknown>,
  services: InferenceServices,
  call: InferenceCall,
): Promise<Outcome> {
  const requested = typeof input.model === 'string' ? input.model : endpoint.defaultModel!;
  const slug =
    endpoint.modality === 'chat' && requested.startsWith('eval:')
      ? services.evals.resolveAlias(requested, call.principal)
      : requested;
  const { spec, notice } = services.lifecycles.resolve(slug, endpoint.modality);
  const byok = byokFor(spec, call.headers);
  const quoted = endpoint.quote ? price(spec, endpoint.quote(input, spec), byok) : 0;
  const hold = services.caps.admit(call.principal, quoted, call.requestId);
  let outcome: Outcome;
  try {
    const ran = endpoint.run(input, spec, { ...services, call, byok, hold });
    outcome = ran instanceof Promise ? await ran : ran;
  } catch (e) {
    hold.release();
    throw e;
  }
  if (notice) outcome.deprecation = notice;
  if (!outcome.meter) return outcome;
  hold.resize(price(spec, outcome.meter, byok));
  if (outcome.settlesLater) return outcome;
  hold.settle(chargeOf(endpoint, spec, outcome.meter, services, call, byok));
  return outcome;
}

/** The charge record of a request that consumed `meter`. */
export function chargeOf(
  endpoint: Endpoint,
  spec: ModelSpec,
  meter: Meter,
  services: InferenceServices,
  call: InferenceCall,
  byok: boolean,
): ChargeFields {
  return {
    request_id: call.requestId,
    created_at: services.clock.now(),
    model: spec.id,
    endpoint: operation(endpoint.operationId).path,
    tag: call.tag,
    sub_account_id: call.principal.subAccountId,
    cost_cents: price(spec, meter, byok),
    input_tokens: meter.input_tokens ?? 0,
    output_tokens: meter.output_tokens ?? 0,
    byok,
  };
}
