import { dirname, join, resolve } from 'node:path';
import { DEFAULT_BASE_URL, patterns } from 'aigateway-contract';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { fsReason } from './files.js';
import { readFile, stat } from './fs-light.js';
import { nodeRequire } from './node-require.js';

/** The hosted gateway (the contract's default base URL). */
export { DEFAULT_BASE_URL };

/** Where a setting came from, shown by --verbose (never the value of a key). */
export type SettingSource = 'flag' | 'key-file' | 'stdin' | 'env' | 'dotenv' | 'default';

export interface ResolvedSettings {
  apiKey: string | undefined;
  keySource: SettingSource | undefined;
  /** Where the key came from, spelled for error messages (e.g. "AIGATEWAY_API_KEY"). */
  keyOrigin: string | undefined;
  baseURL: string;
  baseURLSource: SettingSource;
  /** Where the base URL came from, spelled for messages (e.g. "--base-url"). */
  baseURLOrigin: string;
  /** The `.env` file read, if any (absolute). */
  dotenvPath: string | undefined;
  /** Problems worth a warning (a `.env` others may edit). */
  warnings: readonly string[];
}

export interface ResolveSettingsInput {
  flagKey: string | undefined;
  /** `--key-file PATH`. */
  flagKeyFile?: string | undefined;
  flagBaseURL: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Reads the key from stdin, for `--key -`. */
  readStdin?: (() => Promise<string>) | undefined;
  /**
   * Also look for `.env` in the folders above `cwd`, up to the project root (default true). `init` reads
   * exactly its target folder's file instead.
   */
  upward?: boolean | undefined;
}

/** A `.env` file and what it assigns. */
export interface Dotenv {
  path: string;
  values: Record<string, string>;
  /** Its permission bits. */
  mode: number;
}

// A folder holding one of these is a project root: `.env` lookup stops there.
const ROOT_MARKERS = ['.git', 'package.json'];

async function isPresent(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The folders whose `.env` counts, nearest first: `cwd` and its parents up to the nearest project root
 * (a folder with `.git` or `package.json`). Without a project root above, only `cwd` (never a stray
 * `~/.env` or `/.env`).
 */
export async function dotenvFolders(cwd: string): Promise<string[]> {
  const folders: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    folders.push(dir);
    for (const marker of ROOT_MARKERS) if (await isPresent(join(dir, marker))) return folders;
    const parent = dirname(dir);
    if (parent === dir) return [resolve(cwd)];
    dir = parent;
  }
}

/** Reads `.env` in `dir`; undefined when there is none. */
export async function readDotenvIn(dir: string): Promise<Dotenv | undefined> {
  const path = join(dir, '.env');
  let text: string;
  let mode: number;
  try {
    mode = (await stat(path)).mode & 0o777;
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`Cannot read ${path}: ${fsReason(error)}. Fix its permissions or pass --key-file.`);
  }
  // Loaded only when there is a .env to read: dotenv (and node:crypto with it) stays off the common path.
  const { parse } = nodeRequire('dotenv') as typeof import('dotenv');
  return { path, values: parse(text), mode };
}

/** The nearest `.env` (see {@link dotenvFolders}); with `upward: false`, only `cwd`'s. */
export async function findDotenv(cwd: string, upward = true): Promise<Dotenv | undefined> {
  for (const dir of upward ? await dotenvFolders(cwd) : [resolve(cwd)]) {
    const found = await readDotenvIn(dir);
    if (found) return found;
  }
  return undefined;
}

/** What the nearest `.env` assigns (`{}` when there is none). */
export async function readDotenv(cwd: string): Promise<Record<string, string>> {
  return (await findDotenv(cwd))?.values ?? {};
}

/** One line of advice when a `.env` holding secrets may be edited by other users. */
export function writableWarning(file: Dotenv): string | undefined {
  if ((file.mode & 0o022) === 0) return undefined;
  return (
    `${file.path} can be changed by other users (mode ${file.mode.toString(8)}): they could swap the key or ` +
    `the gateway it goes to. Fix it with: chmod 600 ${JSON.stringify(file.path)}`
  );
}

async function readKeyFile(path: string, cwd: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw usageError(
      `Cannot read --key-file ${path}: ${fsReason(error)}. Check the path.`,
      'unreadable_file',
    );
  }
  // The first line: a trailing newline (echo "$KEY" > file) is not part of the key.
  return text.split(/\r?\n/)[0]?.trim() ?? '';
}

/**
 * Key: --key (or `--key -`, stdin), else --key-file, else AIGATEWAY_API_KEY, else the nearest `.env`.
 * Base URL: --base-url, else AIGATEWAY_BASE_URL, else that `.env`, else the hosted gateway.
 */
export async function resolveSettings(input: ResolveSettingsInput): Promise<ResolvedSettings> {
  const { flagKey, flagKeyFile, flagBaseURL, env } = input;
  if (flagKey !== undefined && flagKeyFile !== undefined) {
    throw usageError('Pass either --key or --key-file, not both.', 'usage_error');
  }
  const envKey = env.AIGATEWAY_API_KEY || undefined;
  const envBase = env.AIGATEWAY_BASE_URL || undefined;
  const keyGiven = flagKey !== undefined || flagKeyFile !== undefined || envKey !== undefined;
  const needDotenv = !keyGiven || (flagBaseURL === undefined && !envBase);
  const dotenv = needDotenv ? await findDotenv(input.cwd, input.upward !== false) : undefined;
  const values = dotenv?.values ?? {};
  const warnings: string[] = [];
  const unsafe = dotenv && writableWarning(dotenv);
  if (unsafe) warnings.push(unsafe);

  let apiKey: string | undefined;
  let keySource: SettingSource | undefined;
  let keyOrigin: string | undefined;
  if (flagKey === '-') {
    if (!input.readStdin) throw usageError('--key - reads the key from stdin, which is not available here.');
    [apiKey, keySource, keyOrigin] = [await input.readStdin(), 'stdin', '--key - (stdin)'];
  } else if (flagKey !== undefined) [apiKey, keySource, keyOrigin] = [flagKey, 'flag', '--key'];
  else if (flagKeyFile !== undefined) {
    const key = await readKeyFile(flagKeyFile, input.cwd);
    [apiKey, keySource, keyOrigin] = [key, 'key-file', `--key-file ${flagKeyFile}`];
  } else if (envKey) [apiKey, keySource, keyOrigin] = [envKey, 'env', 'AIGATEWAY_API_KEY'];
  else if (values.AIGATEWAY_API_KEY && dotenv) {
    [apiKey, keySource, keyOrigin] = [
      values.AIGATEWAY_API_KEY,
      'dotenv',
      `AIGATEWAY_API_KEY in ${dotenv.path}`,
    ];
  }

  let rawBase: string = DEFAULT_BASE_URL;
  let baseURLSource: SettingSource = 'default';
  let baseURLOrigin = 'the default base URL';
  if (flagBaseURL !== undefined)
    [rawBase, baseURLSource, baseURLOrigin] = [flagBaseURL, 'flag', '--base-url'];
  else if (envBase) [rawBase, baseURLSource, baseURLOrigin] = [envBase, 'env', 'AIGATEWAY_BASE_URL'];
  else if (values.AIGATEWAY_BASE_URL && dotenv) {
    [rawBase, baseURLSource, baseURLOrigin] = [
      values.AIGATEWAY_BASE_URL,
      'dotenv',
      `AIGATEWAY_BASE_URL in ${dotenv.path}`,
    ];
  }

  return {
    apiKey,
    keySource,
    keyOrigin,
    baseURL: normaliseBaseURL(rawBase, baseURLOrigin),
    baseURLSource,
    baseURLOrigin,
    dotenvPath: dotenv?.path,
    warnings,
  };
}

/** Accepts `http(s)://host[:port][/path]`; a bare origin gets `/v1` (the gateway's API root). */
export function normaliseBaseURL(raw: string, origin = '--base-url'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      `${origin} is not a URL: "${raw}". Use an http(s) URL such as ${DEFAULT_BASE_URL}.`,
      'invalid_base_url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(
      `${origin} must use http or https, not ${url.protocol.replace(':', '')}. Use e.g. ${DEFAULT_BASE_URL}.`,
      'invalid_base_url',
    );
  }
  if (url.username || url.password) {
    throw usageError(
      `${origin} has a user name or password in it: the key goes in AIGATEWAY_API_KEY, --key-file or .env, ` +
        `never in the URL. Use e.g. ${DEFAULT_BASE_URL}.`,
      'invalid_base_url',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path === '' ? '/v1' : path;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** The hosted gateway (https, its host) or this machine (localhost, 127.0.0.0/8, ::1). */
export function isTrustedBaseURL(baseURL: string): boolean {
  const url = new URL(baseURL);
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || LOOPBACK_V4.test(host) || host === '[::1]')
    return true;
  const hosted = new URL(DEFAULT_BASE_URL);
  return url.protocol === hosted.protocol && host === hosted.hostname;
}

/** AIgateway keys look like `sk-aig-…` (sub-account keys `sk-aig-sub-…`): the contract's ApiKey pattern. */
const KEY_SHAPE = new RegExp(patterns.apiKey);

/** Rejects a missing or malformed key before any request, naming where it came from but never its value. */
export function requireApiKey(settings: ResolvedSettings): string {
  const key = settings.apiKey;
  if (key === undefined) {
    throw new CliError(
      'No API key. Set AIGATEWAY_API_KEY, pass --key-file PATH, or run `aig init` to save one in .env ' +
        '(aig looks for .env here and in the folders above, up to the project root).',
      { code: 'missing_api_key', exitCode: ExitCode.Auth },
    );
  }
  if (!KEY_SHAPE.test(key)) {
    const why =
      key.trim() === '' ? 'is empty' : /\s/.test(key) ? 'contains whitespace' : 'does not start with sk-aig-';
    throw new CliError(
      `The API key from ${settings.keyOrigin} ${why}; AIgateway keys look like sk-aig-…. Copy it again from the dashboard.`,
      { code: 'malformed_api_key', exitCode: ExitCode.Auth },
    );
  }
  return key;
}

/**
 * The key and the base URL it may be sent to. A base URL that came from a `.env` file and points at neither
 * the hosted gateway nor this machine is used only with a key from that same file: a repository's committed
 * `.env` must not redirect a key from your shell (or a flag) to its own server.
 */
export function requireCredentials(settings: ResolvedSettings): { apiKey: string; baseURL: string } {
  const apiKey = requireApiKey(settings);
  const { baseURL } = settings;
  if (settings.baseURLSource === 'dotenv' && settings.keySource !== 'dotenv' && !isTrustedBaseURL(baseURL)) {
    throw usageError(
      `${settings.baseURLOrigin} sends requests to ${baseURL}, which is neither the hosted gateway nor this ` +
        `machine, but the key comes from ${settings.keyOrigin}, not that file: aig will not send it there. ` +
        `If you trust ${new URL(baseURL).host}, confirm with --base-url ${baseURL} (or AIGATEWAY_BASE_URL); ` +
        'otherwise remove that line from the file.',
      'untrusted_base_url',
    );
  }
  return { apiKey, baseURL };
}

/** True when `key` has the shape of an AIgateway key (used by `init`'s prompt validation). */
export function looksLikeApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}
