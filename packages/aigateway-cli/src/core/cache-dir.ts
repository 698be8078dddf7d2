import { homedir } from 'node:os';
import { join } from 'node:path';

/** The OS's per-user cache folder (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function cacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData/Local'), 'aigateway');
  if (platform === 'darwin') return join(home, 'Library/Caches/aigateway');
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.cache'), 'aigateway');
}
