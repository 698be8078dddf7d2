// Decides, as git would, whether a `.gitignore` ignores the top-level `.env`: every pattern is tried in
// order and the last one that matches wins, so a later `!.env` re-includes it
// (https://git-scm.com/docs/gitignore#_pattern_format).

/** A gitignore glob (without `!` and the leading `/`) as a regular expression for a top-level name. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) source += '\\[';
      else {
        source += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === '\\' && i + 1 < glob.length) source += `\\${glob[++i]}`;
    else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Whether one `.gitignore` line matches the file `.env` at the repository's top level. */
function matchesEnv(pattern: string): boolean {
  // A trailing `/` only matches directories; `.env` is a file.
  if (pattern.endsWith('/')) return false;
  let glob = pattern.replace(/^\//, '');
  while (glob.startsWith('**/')) glob = glob.slice(3);
  if (glob.includes('/')) return false;
  return globToRegExp(glob).test('.env');
}

/** Whether `content` (a `.gitignore`) ends up ignoring the top-level `.env`. */
export function ignoresEnv(content: string): boolean {
  let ignored = false;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (matchesEnv(negated ? line.slice(1) : line.replace(/^\\/, ''))) ignored = !negated;
  }
  return ignored;
}

/** Returns `.gitignore` text that ignores `.env` (appended last, so it wins), or undefined when it already does. */
export function ensureEnvIgnored(existing: string | undefined): string | undefined {
  if (existing !== undefined && ignoresEnv(existing)) return undefined;
  const base =
    existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${base}${base ? '\n' : ''}# Secrets written by \`aig init\`\n.env\n`;
}
