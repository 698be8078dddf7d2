import { extname } from 'node:path';
import { schemas } from 'aigateway-contract';
import { readInputFile } from '../core/files.js';
import { usageError } from '../errors.js';

/** One dataset row as the API takes it: a prompt (or a conversation) and an optional reference answer. */
export interface DatasetItem {
  input: string | Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  expected?: string;
}

/** The contract's EvalCreateRequest.dataset size. */
const { minItems: MIN_ITEMS, maxItems: MAX_ITEMS } = schemas.EvalCreateRequest.properties.dataset;

function checkItem(value: unknown, where: string): DatasetItem {
  const item = value as { input?: unknown; expected?: unknown } | null;
  const input = item?.input;
  const okInput =
    (typeof input === 'string' && input !== '') ||
    (Array.isArray(input) &&
      input.length > 0 &&
      input.every((m) => typeof m?.role === 'string' && typeof m?.content === 'string'));
  if (typeof item !== 'object' || item === null || !okInput) {
    throw usageError(
      `--dataset ${where} needs "input": a non-empty string or an array of {role, content} messages.`,
      'invalid_dataset',
    );
  }
  if (item.expected !== undefined && typeof item.expected !== 'string') {
    throw usageError(`--dataset ${where}: "expected" must be a string.`, 'invalid_dataset');
  }
  return item as DatasetItem;
}

/** Reads a dataset from `.json` (an array) or `.jsonl` (one item per line), checking every item. */
export async function readDataset(path: string, cwd: string): Promise<DatasetItem[]> {
  const text = (await readInputFile(path, '--dataset', cwd)).toString('utf8');
  let items: DatasetItem[];
  if (extname(path).toLowerCase() === '.jsonl') {
    items = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw usageError(`--dataset ${path} line ${i + 1} is not valid JSON.`, 'invalid_json');
      }
      items.push(checkItem(value, `line ${i + 1}`));
    });
  } else {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw usageError(
        `--dataset ${path} is not valid JSON (use a .json array or a .jsonl file).`,
        'invalid_json',
      );
    }
    if (!Array.isArray(value))
      throw usageError(`--dataset ${path} must hold a JSON array of {input, expected?}.`, 'invalid_dataset');
    items = value.map((v, i) => checkItem(v, `item ${i}`));
  }
  if (items.length < MIN_ITEMS || items.length > MAX_ITEMS) {
    throw usageError(
      `--dataset must have ${MIN_ITEMS} to ${MAX_ITEMS} items, found ${items.length}.`,
      'invalid_dataset',
    );
  }
  return items;
}
