import { unitHash } from '../../../util/hash.js';

/** Phrases per OpenAI moderation category; a match scores high, anything else scores near zero. */
const lexicon: Record<string, string[]> = {
  harassment: ['idiot', 'stupid', 'loser', 'moron', 'worthless', 'shut up', 'pathetic'],
  'harassment/threatening': [
    'i will hurt you',
    'i will kill you',
    'you will die',
    'watch your back',
    'threaten',
  ],
  hate: ['subhuman', 'inferior race', 'vermin', 'go back to your country', 'hate all'],
  'hate/threatening': ['exterminate them', 'wipe them out', 'ethnic cleansing'],
  illicit: [
    'buy drugs',
    'cocaine',
    'heroin',
    'meth',
    'counterfeit',
    'launder money',
    'steal',
    'shoplift',
    'hack into',
  ],
  'illicit/violent': ['make a bomb', 'build a bomb', 'untraceable gun', 'hire a hitman'],
  'self-harm': [
    'suicide',
    'self-harm',
    'self harm',
    'hurt myself',
    'kill myself',
    'end my life',
    'cutting myself',
  ],
  'self-harm/intent': ['i want to die', 'kill myself', 'end my life', 'i am going to hurt myself'],
  'self-harm/instructions': ['how to kill myself', 'ways to self-harm', 'how to hurt myself'],
  sexual: ['porn', 'nsfw', 'explicit sex', 'nude', 'sexual'],
  'sexual/minors': ['csam'],
  violence: ['kill', 'murder', 'attack', 'stab', 'shoot', 'bomb', 'assault', 'beat up', 'weapon'],
  'violence/graphic': ['gore', 'dismember', 'mutilate', 'behead', 'blood everywhere'],
};

function matches(text: string, phrase: string): number {
  const re = new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'giu');
  return text.match(re)?.length ?? 0;
}

/** One OpenAI-shaped moderation result for `text`. */
export function moderate(text: string) {
  const lower = text.toLowerCase();
  const categories: Record<string, boolean> = {};
  const category_scores: Record<string, number> = {};
  const applied: Record<string, string[]> = {};
  for (const [category, phrases] of Object.entries(lexicon)) {
    const hits = phrases.reduce((n, p) => n + matches(lower, p), 0);
    const score =
      hits > 0
        ? Math.min(0.99, 0.72 + 0.09 * hits)
        : Math.round(unitHash(`${category}|${text}`) * 0.009 * 1e6) / 1e6;
    category_scores[category] = score;
    categories[category] = score >= 0.5;
    applied[category] = ['text'];
  }
  return {
    flagged: Object.values(categories).some(Boolean),
    categories,
    category_scores,
    category_applied_input_types: applied,
  };
}
