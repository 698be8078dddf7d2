import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsReason, makeDirectory } from '../core/files.js';
import { interrupted, usageError } from '../errors.js';
import type { PlannedFile } from './plan.js';

/**
 * Writes every changed file in two phases: all contents to temp files first, then one rename each. An error
 * or Ctrl-C during the first phase removes the temp files, so nothing is ever left half-written.
 */
export async function applyPlan(files: readonly PlannedFile[], signal?: AbortSignal): Promise<void> {
  const pending = files.filter((f) => f.action !== 'unchanged');
  const temps: Array<{ temp: string; file: PlannedFile }> = [];
  for (const dir of new Set(pending.map((f) => dirname(f.path)))) {
    try {
      await makeDirectory(dir);
    } catch (error) {
      const failed = (error as { path?: string }).path ?? dir;
      throw usageError(
        `Cannot create the folder ${failed}: ${fsReason(error)}. Pass --dir with a folder you can write to. Nothing was written.`,
        'unwritable_file',
      );
    }
  }
  try {
    for (const file of pending) {
      if (signal?.aborted) throw interrupted('Interrupted: nothing was written.');
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push({ temp, file });
      await writeFile(temp, file.content, { flag: 'wx', mode: file.mode ?? 0o644 });
      // An explicit chmod: the umask may have narrowed (or the old file widened) the mode.
      if (file.mode !== undefined) await chmod(temp, file.mode);
    }
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
    if ((error as NodeJS.ErrnoException).code) {
      throw usageError(
        `Cannot write ${temps.at(-1)?.file.display ?? 'files'}: ${fsReason(error)}. Nothing was written.`,
        'unwritable_file',
      );
    }
    throw error;
  }
  for (const { temp, file } of temps) await rename(temp, file.path);
}

/** The mode each written file really has (some file systems ignore chmod), for a truthful report. */
export async function actualModes(files: readonly PlannedFile[]): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  for (const file of files) {
    if (file.mode === undefined) continue;
    const current = await stat(file.path).then(
      (s) => s.mode & 0o777,
      () => undefined,
    );
    if (current !== undefined) modes.set(file.path, current);
  }
  return modes;
}
