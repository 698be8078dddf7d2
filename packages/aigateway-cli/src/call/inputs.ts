import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fsReason, readInputFile } from '../core/files.js';
import { missingInput, usageError } from '../errors.js';
import type { CallContext } from './types.js';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** The text input, or a usage error naming both ways to give it. */
export function requireText(call: CallContext, what = 'prompt'): string {
  if (call.input === undefined || call.input.trim() === '') {
    throw missingInput(what, `it as an argument (aig call ${call.model} "...") or pipe it on stdin`);
  }
  return call.input;
}

/** `--image`: an http(s) or data: URL as is; a local file as a base64 data: URL. */
export async function imageInput(raw: string, cwd: string, flag = '--image'): Promise<string> {
  if (/^(https?:|data:)/i.test(raw)) return raw;
  const type = IMAGE_TYPES[extname(raw).toLowerCase()];
  if (!type) {
    throw usageError(
      `${flag} ${raw}: use a .png, .jpg, .gif or .webp file, or an http(s) URL.`,
      'unsupported_media_type',
    );
  }
  const bytes = await readInputFile(raw, flag, cwd);
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/** Checks that `--file` names a readable regular file before uploading it; returns its absolute path. */
export async function readableFile(path: string, flag: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    await access(absolute, constants.R_OK);
    if (!(await stat(absolute)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (error) {
    throw usageError(`Cannot read ${flag} ${path}: ${fsReason(error)}. Check the path.`, 'unreadable_file');
  }
  return absolute;
}

/** Parses an optional number flag (e.g. --temperature 0.7). */
export function optionalNumber(
  raw: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw usageError(`${flag} must be a number between ${min} and ${max}, got "${raw}".`);
  }
  return value;
}
