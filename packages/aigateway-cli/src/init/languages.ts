import { join } from 'node:path';
import { exists } from '../core/files.js';
import { usageError } from '../errors.js';

/** Languages `aig init` scaffolds a starter for. */
export type Language = 'ts' | 'js' | 'python';

export const LANGUAGES: ReadonlyArray<{ value: Language; label: string }> = [
  { value: 'ts', label: 'TypeScript' },
  { value: 'js', label: 'JavaScript' },
  { value: 'python', label: 'Python' },
];

const ALIASES: Record<string, Language> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
  node: 'js',
  py: 'python',
  python: 'python',
};

/** Parses `--lang`; accepts ts|js|python and their long names. */
export function parseLanguage(raw: string): Language {
  const lang = ALIASES[raw.trim().toLowerCase()];
  if (!lang) throw usageError(`--lang must be ts, js or python, got "${raw}".`, 'invalid_language');
  return lang;
}

/** Guesses the project's language from marker files: the default offered, or used without prompts. */
export async function detectLanguage(dir: string): Promise<{ lang: Language; reason: string }> {
  if (await exists(join(dir, 'tsconfig.json'))) return { lang: 'ts', reason: 'tsconfig.json' };
  for (const marker of ['pyproject.toml', 'requirements.txt', 'setup.py']) {
    if (await exists(join(dir, marker))) return { lang: 'python', reason: marker };
  }
  if (await exists(join(dir, 'package.json'))) return { lang: 'js', reason: 'package.json' };
  return { lang: 'ts', reason: 'the default' };
}
