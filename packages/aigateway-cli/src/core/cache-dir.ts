import { join } from 'node:path';
import { nodeRequire } from './node-require.js';

/** The OS's per-user cache folder (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function cacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string {
  // node:os only without HOME: loading it costs every start ~10 M instructions on Node 20 (~5 % of `aig models`).
  const home = env.HOME || env.USERPROFILE || (nodeRequire('node:os') as typeof import('node:os')).homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData/Local'), 'aigateway');
  if (platform === 'darwin') return join(home, 'Library/Caches/aigateway');
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.cache'), 'aigateway');
}

/**
 * Deletes the files of `dir` named `<prefix>…<suffix>` that were last written more than `maxAgeMs` ago, except `keep`.
 * Called when a cache file is created, so the folder does not grow with every gateway or upgrade ever seen. Never
 * throws: tidying is best effort, and a file another aig is writing is younger than any limit used here.
 */
export function pruneCacheFiles(
  dir: string,
  prefix: string,
  suffix: string,
  maxAgeMs: number,
  keep: string,
): void {
  try {
    const fs = nodeRequire('node:fs') as typeof import('node:fs');
    const oldest = Date.now() - maxAgeMs;
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix) || !name.endsWith(suffix) || join(dir, name) === keep) continue;
      try {
        const path = join(dir, name);
        if (fs.statSync(path).mtimeMs < oldest) fs.rmSync(path, { force: true });
      } catch {
        // Gone already, or not ours to delete.
      }
    }
  } catch {
    // No folder, or not readable: nothing to tidy.
  }
}
