import { constants, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, usageError } from '../errors.js';
import type { InputStream } from '../io.js';
import { nodeRequire } from './node-require.js';

// node:fs/promises is loaded when a file is first written or read here: it brings readline and fs watchers with it
// (~8 M instructions on Node 20), which a command that touches no file (aig models) does not need.
const fsp = () => nodeRequire('node:fs/promises') as typeof import('node:fs/promises');

const WHY: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'it already exists',
  ENXIO: 'nothing is reading from it',
};

/** Explains a failed file operation in words, for one-line errors. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return WHY[code] ?? (error as Error).message;
}

/** Reads a file named by a flag (relative to `cwd`); failures are usage errors naming the flag and the reason. */
export async function readInputFile(path: string, flag: string, cwd: string): Promise<Buffer> {
  try {
    return await fsp().readFile(resolve(cwd, path));
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
    await fsp().stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `path` and its missing parents one level at a time. Node's `mkdir({ recursive: true })` spins
 * forever where a level can never be created (under /proc, say), so each missing level is made with a plain
 * mkdir, which fails at once; the error names the level that failed.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      if ((await fsp().stat(current)).isDirectory()) break;
      throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR', path: current });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing) {
    try {
      await fsp().mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

// node:crypto is loaded when a file is written, not on every start (it costs ~2 ms of CPU to load).
const tempBeside = async (path: string): Promise<string> => {
  const { randomBytes } = nodeRequire('node:crypto') as typeof import('node:crypto');
  return join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
};

/**
 * Writes `data` to a sibling temp file, then renames it over `path`: readers see the old file or the new
 * one, never half of either, and an interruption leaves at most the temp file, which is removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const temp = await tempBeside(path);
  try {
    await fsp().writeFile(temp, data, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
    if (mode !== undefined) await fsp().chmod(temp, mode);
    await fsp().rename(temp, path);
  } catch (error) {
    await fsp().rm(temp, { force: true });
    throw error;
  }
}

/** Where an `--out` result goes, decided before any work is done (see {@link checkOutTarget}). */
export type OutTarget =
  /** `--out -`: stdout. */
  | { kind: 'stdout'; flag: string; path: '-' }
  /** Nothing there yet: a new file, created without replacing anything that appears meanwhile. */
  | { kind: 'new'; flag: string; path: string; absolute: string }
  /** A regular file (or a symlink to one) replaced with --force, its mode kept; a symlink stays a link. */
  | { kind: 'replace'; flag: string; path: string; absolute: string; file: string; mode: number }
  /** A FIFO, a device or a symlink to one: written through, never replaced. */
  | { kind: 'through'; flag: string; path: string; absolute: string };

/**
 * Decides what writing `path` (named by `flag`, relative to `cwd`) means, without writing: an existing
 * regular file needs `force`; a directory, a dangling symlink or a missing folder is a usage error (exit 2).
 * Run it before a paid call so a bad `--out` costs nothing, and again (by {@link writeOutTarget}) at write time.
 */
export async function checkOutTarget(
  path: string,
  flag: string,
  cwd: string,
  force: boolean,
): Promise<OutTarget> {
  if (path === '-') return { kind: 'stdout', flag, path: '-' };
  const absolute = resolve(cwd, path);
  const fail = (why: string, code = 'unwritable_file') =>
    usageError(`Cannot write ${flag} ${path}: ${why}.`, code);
  let link: Stats | undefined;
  try {
    link = await fsp().lstat(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(fsReason(error));
  }
  if (link === undefined) {
    const parent = dirname(absolute);
    const folder = await fsp()
      .stat(parent)
      .catch(() => undefined);
    if (!folder?.isDirectory()) throw fail(`the folder ${parent} does not exist; create it first`);
    return { kind: 'new', flag, path, absolute };
  }
  let target = link;
  if (link.isSymbolicLink()) {
    try {
      target = await fsp().stat(absolute);
    } catch {
      // Following it would create a file wherever the link points: refuse rather than guess.
      throw fail('it is a symbolic link to nothing; remove it or choose another path');
    }
  }
  if (target.isDirectory()) throw fail('it is a directory; name a file inside it');
  if (!target.isFile()) return { kind: 'through', flag, path, absolute };
  if (!force) {
    throw usageError(
      `${flag} ${path} already exists. Pass --force to replace it, or choose another path.`,
      'file_exists',
    );
  }
  return {
    kind: 'replace',
    flag,
    path,
    absolute,
    file: await fsp().realpath(absolute),
    mode: target.mode & 0o7777,
  };
}

/**
 * Writes `data` where `target` says: a new file appears whole or not at all and never replaces one that
 * appeared meanwhile; a replaced file keeps its mode (and a symlink keeps pointing at it); FIFOs and devices
 * are written through. The target is checked again first, as things may have changed since.
 */
export async function writeOutTarget(
  planned: OutTarget,
  data: Uint8Array,
  cwd: string,
  force: boolean,
  stdout: (bytes: Uint8Array) => void,
): Promise<void> {
  if (planned.kind === 'stdout') return stdout(data);
  const target = await checkOutTarget(planned.path, planned.flag, cwd, force);
  const fail = (error: unknown) =>
    usageError(`Cannot write ${target.flag} ${target.path}: ${fsReason(error)}.`, 'unwritable_file');
  if (target.kind === 'stdout') return stdout(data);
  if (target.kind === 'through') {
    try {
      // No O_CREAT, no O_TRUNC: write into what is there (a FIFO's reader, a device), never make a file.
      const handle = await fsp().open(target.absolute, constants.O_WRONLY);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw fail(error);
    }
    return;
  }
  if (target.kind === 'replace') {
    try {
      await writeFileAtomic(target.file, data, target.mode);
    } catch (error) {
      throw fail(error);
    }
    return;
  }
  const temp = await tempBeside(target.absolute);
  try {
    await fsp().writeFile(temp, data, { flag: 'wx' });
    try {
      // link() fails if something appeared at the path since the check: nothing is ever replaced.
      await fsp().link(temp, target.absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw usageError(
          `${target.flag} ${target.path} appeared while aig was working. Pass --force to replace it, or choose another path.`,
          'file_exists',
        );
      }
      // A file system without hard links: the rename is still atomic, only not exclusive.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV')
        await fsp().rename(temp, target.absolute);
      else throw error;
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fail(error);
  } finally {
    await fsp().rm(temp, { force: true });
  }
}
