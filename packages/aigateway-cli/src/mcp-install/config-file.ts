// Reads a client's JSON config, puts one server entry in it and writes it back atomically, keeping everything
// else as it was. A file it cannot parse, or a different entry under the same name, is never overwritten.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { usageError } from '../errors.js';

export type Action = 'create' | 'add' | 'replace' | 'unchanged';

export interface Plan {
  path: string;
  action: Action;
  /** The file as it will be written (also when unchanged). */
  content: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readConfig(path: string): Promise<Json | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(
      `Cannot read ${path}: ${(error as Error).message}. Fix its permissions, or use --print.`,
    );
  }
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // Below: the same advice for invalid JSON and JSON that is not an object.
  }
  throw usageError(
    `${path} is not a JSON object aig can edit (comments or trailing commas?); it was left as is. ` +
      'Fix it, or add the entry by hand: aig mcp install … --print.',
    'unparseable_config',
  );
}

/** What writing `entry` as `name` under `container` would do to the file at `path`. */
export async function planConfig(
  path: string,
  container: string,
  name: string,
  entry: Json,
  force: boolean,
): Promise<Plan> {
  const config = await readConfig(path);
  const servers = config?.[container] ?? {};
  if (!isObject(servers)) {
    throw usageError(
      `"${container}" in ${path} is not an object; it was left as is. Fix it, or use --print.`,
    );
  }
  const existing = servers[name];
  let action: Action = config === undefined ? 'create' : existing === undefined ? 'add' : 'replace';
  if (existing !== undefined && isDeepStrictEqual(existing, entry)) action = 'unchanged';
  if (action === 'replace' && !force) {
    throw usageError(
      `${path} already has a different MCP server named "${name}"; it was left as is. ` +
        'Pass --force to replace it, or --name to add this one beside it.',
      'entry_exists',
    );
  }
  const next = { ...config, [container]: { ...servers, [name]: entry } };
  return { path, action, content: `${JSON.stringify(next, null, 2)}\n` };
}

/**
 * Writes `plan` to a temp file beside the target and renames it over the target, so a reader never sees half a
 * file. A symlinked config (dotfiles) is written where the link points; an existing file keeps its mode, a new
 * one gets `mode`.
 */
export async function writePlan(plan: Plan, mode: number): Promise<void> {
  let target = plan.path;
  try {
    if ((await lstat(target)).isSymbolicLink()) target = await realpath(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let keep: number | undefined;
  try {
    const info = await stat(target);
    if (!info.isFile()) throw usageError(`${target} is not a regular file; it was left as is.`);
    keep = info.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.aig-tmp`);
  try {
    // A file that holds a key is made 0600 even if it existed with looser permissions.
    const fileMode = keep === undefined ? mode : mode === 0o600 ? keep & 0o600 : keep;
    await writeFile(temp, plan.content, { mode: fileMode, flag: 'wx' });
    await chmod(temp, fileMode);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
