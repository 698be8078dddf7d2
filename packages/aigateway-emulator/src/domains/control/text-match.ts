// Matching shared by journal filters and scenario rules: `*` globs, `/pattern/flags` or substring
// text, and the prompt of a request body.

/** A `*` glob (any characters) as an anchored RegExp; everything else is literal. */
export function glob(pattern: string, flags = ''): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, flags);
}

/**
 * `/pattern/flags` as a RegExp, else a substring test. Throws a TypeError that says how to write
 * the pattern when it does not compile.
 */
export function textPattern(pattern: string | RegExp, what: string): (text: string) => boolean {
  if (pattern instanceof RegExp) return (text) => new RegExp(pattern.source, pattern.flags).test(text);
  const re = /^\/(.*)\/([dgimsuvy]*)$/s.exec(pattern);
  if (!re) return (text) => text.includes(pattern);
  let compiled: RegExp;
  try {
    compiled = new RegExp(re[1]!, re[2]!.replace('g', ''));
  } catch (e) {
    throw new TypeError(
      `${what} '${pattern}' is not a valid regular expression (${(e as Error).message}); write /pattern/flags, or plain text to match a substring.`,
    );
  }
  return (text) => compiled.test(text);
}

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.map((v) =>
      typeof v === 'string'
        ? v
        : v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string'
          ? (v as { text: string }).text
          : '',
    );
    return parts.filter(Boolean).join('\n');
  }
  return undefined;
};

/**
 * The prompt of an inference body: a chat's last user message, else `prompt`, `input`, `text`
 * or `query` (arrays joined by newlines). Undefined when it has none.
 */
export function promptOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.messages)) {
    const last = [...b.messages]
      .reverse()
      .find((m) => m && typeof m === 'object' && (m as { role?: unknown }).role === 'user') as
      | { content?: unknown }
      | undefined;
    return last ? textOf(last.content) : undefined;
  }
  for (const field of ['prompt', 'input', 'text', 'query']) {
    const text = textOf(b[field]);
    if (text !== undefined) return text;
  }
  return undefined;
}
