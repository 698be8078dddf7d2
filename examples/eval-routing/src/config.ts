import { readFile } from 'node:fs/promises';
import type { EvalMetric } from 'aigateway-js';

export type Env = Record<string, string | undefined>;

export type Metric = EvalMetric;
export const METRICS: readonly Metric[] = ['quality', 'exact_match', 'contains', 'latency', 'cost'];

export interface DatasetItem {
  input: string;
  expected?: string;
}

export interface EvalConfig {
  name: string;
  models: string[];
  metric: Metric;
  datasetPath: string;
}

/** Reads the configuration; one error lists every problem. The key and base URL are read by the SDK. */
export function loadConfig(env: Env): EvalConfig {
  const problems: string[] = [];
  const models = (env.AIG_EVAL_MODELS ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (models.length < 2 || models.length > 10) {
    problems.push(
      'AIG_EVAL_MODELS must list 2–10 comma-separated chat models (e.g. anthropic/claude-opus-4.7,moonshot/kimi-k2.6)',
    );
  }
  const metric = (env.AIG_EVAL_METRIC?.trim() || 'quality') as Metric;
  if (!METRICS.includes(metric)) problems.push(`AIG_EVAL_METRIC must be one of ${METRICS.join(', ')}`);
  if (problems.length > 0) throw new Error(`Configuration: ${problems.join('; ')}.`);
  return {
    name: env.AIG_EVAL_NAME?.trim() || 'support-summaries',
    models,
    metric,
    datasetPath: env.AIG_EVAL_DATASET?.trim() || 'dataset.json',
  };
}

/** Loads a dataset file: a JSON array of `{ input, expected? }`. */
export async function loadDataset(path: string): Promise<DatasetItem[]> {
  let items: unknown;
  try {
    items = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the dataset ${path}: ${(error as Error).message}`);
  }
  const valid =
    Array.isArray(items) &&
    items.length > 0 &&
    items.every(
      (i) =>
        typeof i === 'object' &&
        i !== null &&
        typeof (i as DatasetItem).input === 'string' &&
        ['string', 'undefined'].includes(typeof (i as DatasetItem).expected),
    );
  if (!valid)
    throw new Error(`${path} must be a non-empty JSON array of { "input": string, "expected"?: string }.`);
  return items as DatasetItem[];
}
