import { ApiError } from '../../http/errors.js';
import type { StatePart } from '../../runtime/state.js';
import type { Rng } from '../../util/rng.js';

/** What to break on one request. Parsed from `x-aig-fault` and from matching control rules. */
export interface FaultPlan {
  status?: 429 | 500 | 502;
  retryAfter?: number;
  latencyMs?: number;
  drop?: 'before' | 'after';
  streamCut?: number;
  streamStall?: number;
  /** After this many data chunks, one `data: {"error": …}` event (502 `provider_error`), then the end. */
  streamError?: number;
  jobFail?: boolean;
  /** The eval run created by `POST /v1/evals` ends `failed` (with `error`), uncharged. */
  evalFail?: boolean;
}

export interface FaultRuleInput {
  /** Path prefix, e.g. `/v1/chat/completions`. */
  path: string;
  method?: string;
  /** Directives in the `x-aig-fault` syntax, e.g. `status=429,retry-after=2`. */
  fault: string;
  /** Chance (0–1) that a matching request is hit; seeded, so runs are reproducible. Default 1. */
  probability?: number;
  /** How many requests to hit before the rule retires itself. Default: unlimited. */
  count?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  hits: number;
}

const usage =
  'Valid directives: status=429|500|502, retry-after=<s>, latency=<ms>, drop=before|after, stream-cut=<n>, stream-stall=<n>, stream-error=<n>, job=fail, eval=fail (comma-separated).';

const nonNegative = (name: string, value: string, param: string): number => {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) {
    throw new ApiError(
      400,
      'invalid_value',
      `Fault directive '${name}' needs a non-negative number, got '${value}'. ${usage}`,
      { param },
    );
  }
  return n;
};

/** Parses `status=429,retry-after=2,…`; unknown directives are a 400 naming the valid ones. */
export function parseFault(spec: string, param = 'x-aig-fault'): FaultPlan {
  const plan: FaultPlan = {};
  for (const part of spec.split(',')) {
    const directive = part.trim();
    if (!directive) continue;
    const [rawName = '', value = ''] = directive.split('=', 2).map((s) => s.trim());
    const name = rawName.toLowerCase();
    if (name === 'status' && (value === '429' || value === '500' || value === '502'))
      plan.status = Number(value) as 429 | 500 | 502;
    else if (name === 'retry-after') plan.retryAfter = Math.ceil(nonNegative(name, value, param));
    else if (name === 'latency') plan.latencyMs = nonNegative(name, value, param);
    else if (name === 'drop' && (value === 'before' || value === 'after')) plan.drop = value;
    else if (name === 'stream-cut') plan.streamCut = Math.floor(nonNegative(name, value, param));
    else if (name === 'stream-stall') plan.streamStall = Math.floor(nonNegative(name, value, param));
    else if (name === 'stream-error') plan.streamError = Math.floor(nonNegative(name, value, param));
    else if (name === 'job' && value === 'fail') plan.jobFail = true;
    else if (name === 'eval' && value === 'fail') plan.evalFail = true;
    else
      throw new ApiError(400, 'invalid_value', `Unknown fault directive '${directive}'. ${usage}`, { param });
  }
  return plan;
}

/** Control-API fault rules, matched by path prefix and method, with seeded probabilities. */
export class Faults implements StatePart {
  private rules: FaultRule[] = [];
  private seq = 0;

  constructor(private readonly rng: Rng) {}

  add(input: FaultRuleInput): FaultRule {
    parseFault(input.fault, 'fault');
    if (typeof input.path !== 'string' || !input.path.startsWith('/')) {
      throw new ApiError(
        400,
        'invalid_value',
        "A fault rule needs 'path', a path prefix starting with '/', e.g. '/v1/chat/completions'.",
        { param: 'path' },
      );
    }
    if (input.probability !== undefined && !(input.probability >= 0 && input.probability <= 1)) {
      throw new ApiError(400, 'invalid_value', "'probability' must be a number from 0 to 1.", {
        param: 'probability',
      });
    }
    if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) {
      throw new ApiError(400, 'invalid_value', "'count' must be a positive integer.", { param: 'count' });
    }
    const rule: FaultRule = {
      ...input,
      method: input.method?.toUpperCase(),
      id: `flt_${++this.seq}`,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The plan for one request: matching rules (in order), then the request header on top. */
  plan(method: string, path: string, header: string | null | undefined): FaultPlan | undefined {
    let plan: FaultPlan | undefined;
    if (this.rules.length > 0) {
      for (const rule of this.rules) {
        if (!path.startsWith(rule.path) || (rule.method && rule.method !== method)) continue;
        if (rule.probability !== undefined && this.rng.next() >= rule.probability) continue;
        rule.hits += 1;
        plan = { ...plan, ...parseFault(rule.fault, 'fault') };
      }
      this.rules = this.rules.filter((r) => r.count === undefined || r.hits < r.count);
    }
    if (header) plan = { ...plan, ...parseFault(header) };
    return plan;
  }
}
