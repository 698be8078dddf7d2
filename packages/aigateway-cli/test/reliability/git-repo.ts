// Throw-away git repositories, and git's own answer to "is this path ignored?".
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** `git init` in `dir`, then the given files (paths relative to it). */
export async function gitRepo(dir: string, files: Record<string, string> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await run('git', ['init', '--quiet', dir]);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

/** Whether git ignores `path` in the repository at `dir` (`git check-ignore`, exit 0 or 1). */
export async function gitIgnores(dir: string, path: string): Promise<boolean> {
  try {
    await run('git', ['-C', dir, 'check-ignore', '--quiet', '--no-index', path]);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 1) return false;
    throw error;
  }
}

/** Permission bits of a file. */
export const fileMode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
