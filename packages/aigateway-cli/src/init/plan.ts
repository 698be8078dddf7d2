import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DEFAULT_BASE_URL } from '../core/credentials.js';
import { fsReason } from '../core/files.js';
import { usageError } from '../errors.js';
import { mergeEnv, parseEnv } from './env-file.js';
import { ensureEnvIgnored } from './gitignore.js';
import type { Language } from './languages.js';
import { checkModelSlug, starterFor } from './templates.js';

/** Every answer `init` needs; collected (from flags or prompts) before anything is written. */
export interface InitAnswers {
  dir: string;
  apiKey: string;
  baseURL: string;
  model: string;
  /** Undefined with --no-scaffold. */
  lang: Language | undefined;
  force: boolean;
}

export type FileAction = 'create' | 'update' | 'overwrite' | 'unchanged';

/** One file `init` will write. */
export interface PlannedFile {
  path: string;
  /** Relative to the working directory, for messages. */
  display: string;
  action: FileAction;
  content: string;
  mode?: number;
  /** The mode the file has now, when `mode` changes it (a `.env` others could read). */
  previousMode?: number;
}

export interface InitPlan {
  files: PlannedFile[];
  /** Commands to run the starter, when one is scaffolded. */
  steps: string[];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw usageError(`Cannot read ${path}: ${fsReason(error)}.`, 'unreadable_file');
  }
}

/**
 * Works out what `init` would write, refusing (before anything is written) to overwrite a starter or to
 * replace a different key in `.env` without --force.
 */
export async function planInit(answers: InitAnswers, cwd: string): Promise<InitPlan> {
  const files: PlannedFile[] = [];
  const display = (path: string) => relative(cwd, path) || path;

  checkModelSlug(answers.model, 'The model');
  const envPath = join(answers.dir, '.env');
  const existingEnv = await readIfExists(envPath);
  const envMode = existingEnv === undefined ? undefined : (await stat(envPath)).mode & 0o777;
  const currentKey = parseEnv(existingEnv).AIGATEWAY_API_KEY;
  if (currentKey && currentKey !== answers.apiKey && !answers.force) {
    throw usageError(
      `${display(envPath)} already has a different AIGATEWAY_API_KEY. Pass --force to replace it, or --dir for another folder.`,
      'file_exists',
    );
  }
  const values: Record<string, string> = { AIGATEWAY_API_KEY: answers.apiKey };
  if (answers.baseURL !== DEFAULT_BASE_URL) values.AIGATEWAY_BASE_URL = answers.baseURL;
  values.AIG_MODEL = answers.model;
  const env = mergeEnv(existingEnv, values);
  // The key must be private even when the content is unchanged: a 0644 .env is rewritten as 0600.
  const wrongMode = envMode !== undefined && envMode !== 0o600;
  files.push({
    path: envPath,
    display: display(envPath),
    action:
      existingEnv === undefined
        ? 'create'
        : env.content === existingEnv && !wrongMode
          ? 'unchanged'
          : 'update',
    content: env.content,
    mode: 0o600,
    ...(wrongMode ? { previousMode: envMode } : {}),
  });

  const ignorePath = join(answers.dir, '.gitignore');
  const existingIgnore = await readIfExists(ignorePath);
  const ignore = ensureEnvIgnored(existingIgnore);
  files.push({
    path: ignorePath,
    display: display(ignorePath),
    action: ignore === undefined ? 'unchanged' : existingIgnore === undefined ? 'create' : 'update',
    content: ignore ?? existingIgnore ?? '',
  });

  if (answers.lang === undefined) return { files, steps: [] };
  const starter = starterFor(answers.lang, answers.model);
  const starterPath = join(answers.dir, starter.file);
  const existingStarter = await readIfExists(starterPath);
  if (existingStarter !== undefined && existingStarter !== starter.content && !answers.force) {
    throw usageError(
      `${display(starterPath)} already exists. Pass --force to overwrite it, --no-scaffold to skip it, or --dir for another folder.`,
      'file_exists',
    );
  }
  files.push({
    path: starterPath,
    display: display(starterPath),
    action:
      existingStarter === undefined
        ? 'create'
        : existingStarter === starter.content
          ? 'unchanged'
          : 'overwrite',
    content: starter.content,
  });
  return { files, steps: starter.steps };
}
