// Patterns that already keep a top-level `.env` out of git.
const COVERS_ENV = new Set(['.env', '/.env', '.env*', '/.env*', '*.env', '**/.env']);

/** Returns `.gitignore` text that ignores `.env`, or undefined when it already does. */
export function ensureEnvIgnored(existing: string | undefined): string | undefined {
  const lines = (existing ?? '').split(/\r?\n/).map((l) => l.trim());
  if (lines.some((line) => COVERS_ENV.has(line))) return undefined;
  const base =
    existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${base}${base ? '\n' : ''}# Secrets written by \`aig init\`\n.env\n`;
}
