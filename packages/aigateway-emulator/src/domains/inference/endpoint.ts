import { operation } from '../../contract/operations.js';
import { ApiError } from '../../http/errors.js';
import type { Clock } from '../../runtime/clock.js';
import type { Ids } from '../../util/ids.js';
import type { Accounts, Principal } from '../accounts/accounts.js';
import { type Meter, type Metering, price } from '../accounts/metering.js';
import { assertWithinCap } from '../accounts/spend-cap.js';
import { resolveModel } from '../catalog/catalog.js';
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
}

/** A handler's result: a JSON body (or a ready Response for binary and streams) and what to bill. */
export interface Outcome {
  status?: number;
  body?: unknown;
  response?: Response;
  /** Billed now; omitted when billing happens later (async jobs bill on completion). */
  meter?: Meter;
}

/** One inference endpoint: its contract operation, which modality it serves, and its handler. */
export interface Endpoint {
  operationId: string;
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

/** Resolves the model (floating names, `eval:<id>` on chat), checks the cap, runs the handler and meters it. */
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
  const spec = resolveModel(slug, endpoint.modality);
  const byok = byokFor(spec, call.headers);
  assertWithinCap(services, call.principal);
  const outcome = await endpoint.run(input, spec, { ...services, call, byok });
  if (outcome.meter) {
    services.metering.record({
      request_id: call.requestId,
      created_at: services.clock.now(),
      model: spec.id,
      endpoint: operation(endpoint.operationId).path,
      tag: call.tag,
      sub_account_id: call.principal.subAccountId,
      cost_cents: price(spec, outcome.meter, byok),
      input_tokens: outcome.meter.input_tokens ?? 0,
      output_tokens: outcome.meter.output_tokens ?? 0,
      byok,
    });
  }
  return outcome;
}
