import { fnv1a } from '../../../util/hash.js';
import { mulberry32 } from '../../../util/rng.js';
import { words } from '../../../util/text.js';

function addRandom(into: Float64Array, seed: number, weight: number): void {
  const rand = mulberry32(seed);
  for (let i = 0; i < into.length; i++) into[i]! += weight * (rand() * 2 - 1);
}

/**
 * A unit vector for `text`: the sum of one pseudo-random vector per word (plus a little of the
 * whole text), so texts that share words are close in cosine similarity. Deterministic per model.
 */
export function embedText(text: string, model: string, dimensions: number): number[] {
  const v = new Float64Array(dimensions);
  // Each distinct word once, weighted by its count: long repetitive inputs stay cheap.
  const counts = new Map<string, number>();
  for (const w of words(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const [w, n] of counts) addRandom(v, fnv1a(`${model}|w|${w}`), n);
  addRandom(v, fnv1a(`${model}|t|${text}`), 0.35);
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => x / norm);
}

/** OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, base64-encoded. */
export function toBase64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  for (const [i, x] of vector.entries()) buf.writeFloatLE(x, i * 4);
  return buf.toString('base64');
}

/** Normalises the request's `input` (text, texts, token ids or batches of token ids) to texts. */
export function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((x) => typeof x === 'number')) return [input.join(' ')];
  return input.map((x) => (Array.isArray(x) ? x.join(' ') : String(x)));
}
