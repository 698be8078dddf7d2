import { ApiError } from '../../http/errors.js';
import { unitHash } from '../../util/hash.js';
import { roundCents } from '../../util/text.js';
import { price } from '../accounts/metering.js';
import { resolveModel } from '../catalog/catalog.js';
import type { ModelSpec } from '../catalog/models.js';
import { type ChatMessage, planChat } from '../inference/generate/chat.js';

export type Metric = 'quality' | 'exact_match' | 'contains' | 'latency' | 'cost';

export interface EvalScore {
  model: string;
  score: number;
  mean_latency_ms: number;
  cost_cents: number;
  samples: number;
}

export interface EvalInput {
  name: string;
  candidate_models: string[];
  dataset: { input: string | ChatMessage[]; expected?: string }[];
  metric: Metric;
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const normalize = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Grades each candidate by running the emulator's own chat on every dataset item: cost and
 * latency come from the catalog, `exact_match`/`contains` compare the replies (a model of higher
 * catalog quality "knows" the answer more often, decided per item by a hash), `quality` is the
 * model's quality with a little per-dataset noise. Best score wins; ties go to the cheaper model.
 */
export function scoreCandidates(input: EvalInput): EvalScore[] {
  const raw = input.candidate_models.map((slug, i) => {
    let spec: ModelSpec;
    try {
      spec = resolveModel(slug, 'chat');
    } catch (e) {
      if (e instanceof ApiError) Object.assign(e.extra, { param: `candidate_models[${i}]` });
      throw e;
    }
    let cost = 0;
    let latency = 0;
    let correct = 0;
    for (const item of input.dataset) {
      const messages =
        typeof item.input === 'string' ? [{ role: 'user' as const, content: item.input }] : item.input;
      const plan = planChat({ model: slug, messages }, spec, () => undefined);
      cost += price(spec, { input_tokens: plan.promptTokens, output_tokens: plan.completionTokens }, false);
      latency +=
        (spec.latency_ms ?? 1000) +
        plan.completionTokens * 8 +
        unitHash(`${slug}|${normalize(JSON.stringify(item.input))}`) * 200;
      const expected = item.expected === undefined ? undefined : normalize(item.expected);
      const reply = normalize(plan.content ?? '');
      const knows = unitHash(`${spec.id}|${JSON.stringify(item)}`) < (spec.quality ?? 0.7);
      if (
        expected !== undefined &&
        (input.metric === 'exact_match' ? reply === expected : reply.includes(expected))
      )
        correct += 1;
      else if (expected !== undefined && knows) correct += 1;
    }
    const n = input.dataset.length;
    return {
      model: slug,
      cost: roundCents(cost),
      latency: latency / n,
      accuracy: correct / n,
      quality: spec.quality ?? 0.7,
      id: spec.id,
    };
  });
  const minCost = Math.min(...raw.map((r) => r.cost));
  const minLatency = Math.min(...raw.map((r) => r.latency));
  const scored = raw.map((r) => {
    const noise = (unitHash(`${r.id}|${JSON.stringify(input.dataset).slice(0, 2000)}`) - 0.5) * 0.06;
    const score =
      input.metric === 'quality'
        ? r.quality + noise
        : input.metric === 'latency'
          ? minLatency / r.latency
          : input.metric === 'cost'
            ? r.cost === 0
              ? 1
              : minCost / r.cost
            : r.accuracy;
    return {
      model: r.model,
      score: round(Math.max(0, Math.min(1, score))),
      mean_latency_ms: Math.round(r.latency),
      cost_cents: r.cost,
      samples: input.dataset.length,
    };
  });
  return scored.sort(
    (a, b) => b.score - a.score || a.cost_cents - b.cost_cents || a.mean_latency_ms - b.mean_latency_ms,
  );
}
