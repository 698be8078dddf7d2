import { words } from '../../../util/text.js';

/**
 * BM25 (k1 = 1.2, b = 0.75) of each document for the query, mapped to 0–1 with s / (s + 1) so
 * scores read like a reranker's. Documents sharing no term score 0.
 */
export function bm25Scores(query: string, documents: string[]): number[] {
  const k1 = 1.2;
  const b = 0.75;
  const docs = documents.map((d) => words(d));
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length) || 1;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...new Set(words(query))];
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const t of terms) {
      const f = tf.get(t);
      if (!f) continue;
      const n = df.get(t) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avg));
    }
    return Math.round((score / (score + 1)) * 1e6) / 1e6;
  });
}
