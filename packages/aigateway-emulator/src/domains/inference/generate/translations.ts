import { words } from '../../../util/text.js';

/**
 * Word-by-word translation through a small English pivot dictionary (greetings, common nouns,
 * verbs and function words) for fr, es, de, it and pt. Unknown words pass through unchanged.
 */
const lexicon: Record<string, Record<string, string>> = {
  hello: { fr: 'bonjour', es: 'hola', de: 'hallo', it: 'ciao', pt: 'olá' },
  goodbye: { fr: 'au revoir', es: 'adiós', de: 'auf wiedersehen', it: 'arrivederci', pt: 'adeus' },
  thanks: { fr: 'merci', es: 'gracias', de: 'danke', it: 'grazie', pt: 'obrigado' },
  thank: { fr: 'merci', es: 'gracias', de: 'danke', it: 'grazie', pt: 'obrigado' },
  you: { fr: 'vous', es: 'usted', de: 'sie', it: 'lei', pt: 'você' },
  yes: { fr: 'oui', es: 'sí', de: 'ja', it: 'sì', pt: 'sim' },
  no: { fr: 'non', es: 'no', de: 'nein', it: 'no', pt: 'não' },
  please: { fr: "s'il vous plaît", es: 'por favor', de: 'bitte', it: 'per favore', pt: 'por favor' },
  good: { fr: 'bon', es: 'bueno', de: 'gut', it: 'buono', pt: 'bom' },
  morning: { fr: 'matin', es: 'mañana', de: 'morgen', it: 'mattina', pt: 'manhã' },
  night: { fr: 'nuit', es: 'noche', de: 'nacht', it: 'notte', pt: 'noite' },
  world: { fr: 'monde', es: 'mundo', de: 'welt', it: 'mondo', pt: 'mundo' },
  the: { fr: 'le', es: 'el', de: 'der', it: 'il', pt: 'o' },
  a: { fr: 'un', es: 'un', de: 'ein', it: 'un', pt: 'um' },
  and: { fr: 'et', es: 'y', de: 'und', it: 'e', pt: 'e' },
  is: { fr: 'est', es: 'es', de: 'ist', it: 'è', pt: 'é' },
  i: { fr: 'je', es: 'yo', de: 'ich', it: 'io', pt: 'eu' },
  love: { fr: 'aime', es: 'amo', de: 'liebe', it: 'amo', pt: 'amo' },
  cat: { fr: 'chat', es: 'gato', de: 'katze', it: 'gatto', pt: 'gato' },
  dog: { fr: 'chien', es: 'perro', de: 'hund', it: 'cane', pt: 'cão' },
  house: { fr: 'maison', es: 'casa', de: 'haus', it: 'casa', pt: 'casa' },
  water: { fr: 'eau', es: 'agua', de: 'wasser', it: 'acqua', pt: 'água' },
  friend: { fr: 'ami', es: 'amigo', de: 'freund', it: 'amico', pt: 'amigo' },
  how: { fr: 'comment', es: 'cómo', de: 'wie', it: 'come', pt: 'como' },
  are: { fr: 'êtes', es: 'está', de: 'sind', it: 'sta', pt: 'está' },
  where: { fr: 'où', es: 'dónde', de: 'wo', it: 'dove', pt: 'onde' },
  today: { fr: "aujourd'hui", es: 'hoy', de: 'heute', it: 'oggi', pt: 'hoje' },
  weather: { fr: 'temps', es: 'tiempo', de: 'wetter', it: 'tempo', pt: 'tempo' },
  book: { fr: 'livre', es: 'libro', de: 'buch', it: 'libro', pt: 'livro' },
  order: { fr: 'commande', es: 'pedido', de: 'bestellung', it: 'ordine', pt: 'pedido' },
};

const reverse = new Map<string, string>();
for (const [en, tr] of Object.entries(lexicon))
  for (const w of Object.values(tr)) if (!reverse.has(w)) reverse.set(w, en);

const stopwords: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'you', 'of', 'to', 'hello', 'thanks', 'what', 'this'],
  fr: ['le', 'la', 'et', 'est', 'vous', 'je', 'bonjour', 'merci', 'les', 'des'],
  es: ['el', 'la', 'y', 'es', 'usted', 'yo', 'hola', 'gracias', 'los', 'que'],
  de: ['der', 'die', 'und', 'ist', 'sie', 'ich', 'hallo', 'danke', 'das', 'nicht'],
  it: ['il', 'e', 'è', 'lei', 'io', 'ciao', 'grazie', 'che', 'della', 'sono'],
  pt: ['o', 'e', 'é', 'você', 'eu', 'olá', 'obrigado', 'que', 'não', 'uma'],
};

/** Guesses the language from stopwords (English when nothing matches). */
export function detectLanguage(text: string): string {
  const ws = words(text);
  let best = 'en';
  let bestHits = 0;
  for (const [lang, list] of Object.entries(stopwords)) {
    const hits = ws.filter((w) => list.includes(w)).length;
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return best;
}

export function translate(text: string, source: string, target: string): string {
  const base = (lang: string) => lang.split('-')[0]!.toLowerCase();
  const from = base(source);
  const to = base(target);
  if (from === to) return text;
  return text.replace(/[\p{L}']+/gu, (word) => {
    const lower = word.toLowerCase();
    const en = from === 'en' ? lower : reverse.get(lower);
    const out = en === undefined ? undefined : to === 'en' ? en : lexicon[en]?.[to];
    if (out === undefined) return word;
    return word[0] === word[0]!.toUpperCase() && word[0] !== word[0]!.toLowerCase()
      ? out[0]!.toUpperCase() + out.slice(1)
      : out;
  });
}
