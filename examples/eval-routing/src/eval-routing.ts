import type AIgateway from 'aigateway-js';
import type { EvalRun } from 'aigateway-js';
import type { DatasetItem, Metric } from './config.js';

export interface RunEvalOptions {
  name: string;
  models: string[];
  dataset: DatasetItem[];
  metric: Metric;
  /** First poll delay in ms. Default 1000. */
  pollInterval?: number;
  onProgress?: (run: EvalRun) => void;
}

/** Grades the candidate models on the dataset and waits for the winner. */
export async function runEval(client: AIgateway, options: RunEvalOptions): Promise<EvalRun> {
  const run = await client.evals.create({
    name: options.name,
    candidate_models: options.models,
    dataset: options.dataset,
    metric: options.metric,
  });
  return client.evals.wait(run.id, { pollInterval: options.pollInterval, onProgress: options.onProgress });
}

/** The scores as printable lines, best first. */
export function leaderboard(run: EvalRun): string[] {
  return [...run.scores]
    .sort((a, b) => b.score - a.score)
    .map(
      (s, i) =>
        `${i + 1}. ${s.model.padEnd(32)} score ${s.score.toFixed(3)}  ${String(s.mean_latency_ms).padStart(5)} ms  ${s.cost_cents}¢`,
    );
}

/**
 * A production call routed through the eval: `model: "eval:<run_id>"` resolves to the run's
 * winner on the gateway. Keep the alias in configuration (e.g. `AIG_MODEL=eval:eval_…`), not in
 * code: when a new model lands, rerun the eval and point the variable at the new run.
 */
export async function answerVia(client: AIgateway, alias: string, question: string) {
  const completion = await client.chat.completions.create({
    model: alias,
    messages: [{ role: 'user', content: question }],
  });
  // The response names the model that actually answered.
  return { model: completion.model, content: completion.choices[0]?.message.content ?? '' };
}
