import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';
import type { InputStream } from '../io.js';

const WHY: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent is not a directory',
};

/** Explains a failed file operation in words, for one-line errors. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return WHY[code] ?? (error as Error).message;
}

/** Reads a file named by a flag (relative to `cwd`); failures are usage errors naming the flag and the reason. */
export async function readInputFile(path: string, flag: string, cwd: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (error) {
    throw usageError(`Cannot read ${flag} ${path}: ${fsReason(error)}. Check the path.`, 'unreadable_file');
  }
}

/** Reads all of stdin (piped input). */
export async function readStream(stream: InputStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Whether a path exists (any kind). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `data` to a sibling temp file, then renames it over `path`: readers see the old file or the new
 * one, never half of either, and an interruption leaves at most the temp file, which is removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a result file named by `--out`, atomically; failures are usage errors naming the path. */
export async function writeOutputFile(path: string, data: Uint8Array, cwd: string): Promise<void> {
  try {
    await writeFileAtomic(resolve(cwd, path), data);
  } catch (error) {
    throw usageError(
      `Cannot write --out ${path}: ${fsReason(error)}. Check the directory exists and is writable.`,
      'unwritable_file',
    );
  }
}
