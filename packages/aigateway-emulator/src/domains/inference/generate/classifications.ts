import { unitHash } from '../../../util/hash.js';
import { words } from '../../../util/text.js';

const positive = new Set([
  'good',
  'great',
  'love',
  'loved',
  'excellent',
  'happy',
  'amazing',
  'wonderful',
  'best',
  'fantastic',
  'like',
  'nice',
  'awesome',
  'enjoy',
  'enjoyed',
  'perfect',
  'recommend',
  'fast',
  'helpful',
  'beautiful',
  'brilliant',
  'delighted',
  'pleased',
]);
const negative = new Set([
  'bad',
  'terrible',
  'hate',
  'hated',
  'awful',
  'worst',
  'poor',
  'horrible',
  'sad',
  'boring',
  'disappointing',
  'disappointed',
  'broken',
  'angry',
  'useless',
  'slow',
  'refund',
  'annoying',
  'ugly',
  'buggy',
  'crash',
  'crashes',
  'waste',
]);
const negators = new Set(['not', "don't", "didn't", 'never', 'no', "isn't", "wasn't", "doesn't"]);

/** Net sentiment: +1 per positive word, −1 per negative, flipped after a negator ("not good"). */
export function sentiment(text: string): number {
  const ws = words(text);
  let score = 0;
  ws.forEach((w, i) => {
    const sign = positive.has(w) ? 1 : negative.has(w) ? -1 : 0;
    const flipped = i > 0 && negators.has(ws[i - 1]!) ? -1 : 1;
    score += sign * flipped;
  });
  return score;
}

const positiveLabel = /^(pos|positive|good|happy|praise|satisfied|joy|like)/i;
const negativeLabel = /^(neg|negative|bad|sad|complaint|angry|unsatisfied|dissatisfied|anger|dislike)/i;

/** Scores for each label (summing to 1, highest first): sentiment for POSITIVE/NEGATIVE-like labels, word overlap otherwise. */
export function classify(text: string, labels: string[] | undefined) {
  const set = labels ?? ['POSITIVE', 'NEGATIVE'];
  const s = sentiment(text);
  const ws = new Set(words(text));
  const raw = set.map((label) => {
    const overlap = words(label).filter((w) => ws.has(w)).length;
    const polarity = positiveLabel.test(label) ? s : negativeLabel.test(label) ? -s : 0;
    return 1.5 * polarity + 2 * overlap + 0.2 * unitHash(`${label}|${text}`);
  });
  const max = Math.max(...raw);
  const exp = raw.map((r) => Math.exp(r - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const scores = set
    .map((label, i) => ({ label, score: Math.round((exp[i]! / total) * 1e6) / 1e6 }))
    .sort((a, b) => b.score - a.score);
  return { label: scores[0]!.label, score: scores[0]!.score, scores };
}
