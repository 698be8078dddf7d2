import { usageError } from '../errors.js';

/** Parses an integer flag value within bounds, or fails naming the flag and the accepted range. */
export function parseInteger(
  raw: string,
  flag: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value)) {
    throw usageError(`${flag} must be a whole number, got "${raw}".`);
  }
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw usageError(`${flag} must be ${range}, got ${value}.`);
  }
  return value;
}

/** Parses an http(s) URL flag value. */
export function parseHttpURL(raw: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(
      `${flag} must be a URL such as http://localhost:3000/hooks, got "${raw}".`,
      'invalid_url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${flag} must be an http or https URL, got "${raw}".`, 'invalid_url');
  }
  return url.toString();
}

/** `YYYY-MM`, a real month. */
export function parseMonth(raw: string, flag = '--month'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(raw);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw usageError(`${flag} must be a month as YYYY-MM (e.g. 2026-04), got "${raw}".`, 'invalid_month');
  }
  return raw;
}

/** Splits a comma-separated list flag, dropping empty entries. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Commander collector for repeatable flags (`--arg a=1 --arg b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
