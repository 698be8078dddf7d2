import { parse } from 'dotenv';

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=)/;

function quote(value: string): string {
  return /^[A-Za-z0-9_./:@+-]*$/.test(value) ? value : JSON.stringify(value);
}

/** What merging changes, key by key. */
export interface EnvMerge {
  content: string;
  added: string[];
  updated: string[];
}

/** The values an existing `.env` assigns (dotenv's own parser). */
export function parseEnv(content: string | undefined): Record<string, string> {
  return content === undefined ? {} : parse(content);
}

/**
 * Sets `values` in an existing `.env` text without clobbering it: assignments of those keys are replaced
 * in place (keeping `export`), every other line and comment is kept, new keys are appended.
 */
export function mergeEnv(existing: string | undefined, values: Readonly<Record<string, string>>): EnvMerge {
  const current = parseEnv(existing);
  const lines =
    existing === undefined || existing === '' ? [] : existing.replace(/\r?\n$/, '').split(/\r?\n/);
  const seen = new Set<string>();
  const out = lines.map((line) => {
    const match = ASSIGNMENT.exec(line);
    const key = match?.[2];
    if (!match || key === undefined || !(key in values) || seen.has(key)) return line;
    seen.add(key);
    return `${match[1]}${key}=${quote(values[key] as string)}`;
  });
  const added: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!seen.has(key)) {
      out.push(`${key}=${quote(value)}`);
      added.push(key);
    }
  }
  const updated = [...seen].filter((key) => current[key] !== values[key]);
  return { content: `${out.join('\n')}\n`, added, updated };
}
