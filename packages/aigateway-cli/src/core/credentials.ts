import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

/** The hosted gateway. */
export const DEFAULT_BASE_URL = 'https://api.aigateway.sh/v1';

/** Where a setting came from, shown by --verbose (never the value of a key). */
export type SettingSource = 'flag' | 'env' | 'dotenv' | 'default';

export interface ResolvedSettings {
  apiKey: string | undefined;
  keySource: SettingSource | undefined;
  /** Where the key came from, spelled for error messages (e.g. "AIGATEWAY_API_KEY"). */
  keyOrigin: string | undefined;
  baseURL: string;
  baseURLSource: SettingSource;
  /** Where the base URL came from, spelled for messages (e.g. "--base-url"). */
  baseURLOrigin: string;
}

export interface ResolveSettingsInput {
  flagKey: string | undefined;
  flagBaseURL: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Reads `.env` in `cwd`; a missing file is an empty one. */
export async function readDotenv(cwd: string): Promise<Record<string, string>> {
  try {
    const text = await readFile(join(cwd, '.env'), 'utf8');
    // Loaded only when there is a .env to read: dotenv (and node:crypto with it) stays off the common path.
    const { parse } = await import('dotenv');
    return parse(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw usageError(
      `Cannot read .env in ${cwd}: ${(error as Error).message}. Fix its permissions or pass --key.`,
    );
  }
}

/** Key: --key, else AIGATEWAY_API_KEY, else `.env`. Base URL: --base-url, else AIGATEWAY_BASE_URL, else `.env`, else hosted. */
export async function resolveSettings(input: ResolveSettingsInput): Promise<ResolvedSettings> {
  const { flagKey, flagBaseURL, env } = input;
  const envKey = env.AIGATEWAY_API_KEY || undefined;
  const envBase = env.AIGATEWAY_BASE_URL || undefined;
  const needDotenv = (flagKey === undefined && !envKey) || (flagBaseURL === undefined && !envBase);
  const dotenv = needDotenv ? await readDotenv(input.cwd) : {};

  let apiKey: string | undefined;
  let keySource: SettingSource | undefined;
  let keyOrigin: string | undefined;
  if (flagKey !== undefined) [apiKey, keySource, keyOrigin] = [flagKey, 'flag', '--key'];
  else if (envKey) [apiKey, keySource, keyOrigin] = [envKey, 'env', 'AIGATEWAY_API_KEY'];
  else if (dotenv.AIGATEWAY_API_KEY) {
    [apiKey, keySource, keyOrigin] = [dotenv.AIGATEWAY_API_KEY, 'dotenv', 'AIGATEWAY_API_KEY in .env'];
  }

  let rawBase: string = DEFAULT_BASE_URL;
  let baseURLSource: SettingSource = 'default';
  if (flagBaseURL !== undefined) [rawBase, baseURLSource] = [flagBaseURL, 'flag'];
  else if (envBase) [rawBase, baseURLSource] = [envBase, 'env'];
  else if (dotenv.AIGATEWAY_BASE_URL) [rawBase, baseURLSource] = [dotenv.AIGATEWAY_BASE_URL, 'dotenv'];

  return {
    apiKey,
    keySource,
    keyOrigin,
    baseURL: normaliseBaseURL(rawBase, baseURLSource),
    baseURLSource,
    baseURLOrigin: ORIGIN_OF_BASE[baseURLSource],
  };
}

const ORIGIN_OF_BASE: Record<SettingSource, string> = {
  flag: '--base-url',
  env: 'AIGATEWAY_BASE_URL',
  dotenv: 'AIGATEWAY_BASE_URL in .env',
  default: 'the default base URL',
};

/** Accepts `http(s)://host[:port][/path]`; a bare origin gets `/v1` (the gateway's API root). */
export function normaliseBaseURL(raw: string, source: SettingSource = 'flag'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw usageError(
      `${ORIGIN_OF_BASE[source]} is not a URL: "${raw}". Use an http(s) URL such as ${DEFAULT_BASE_URL}.`,
      'invalid_base_url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(
      `${ORIGIN_OF_BASE[source]} must use http or https, not ${url.protocol.replace(':', '')}. Use e.g. ${DEFAULT_BASE_URL}.`,
      'invalid_base_url',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path === '' ? '/v1' : path;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

/** AIgateway keys look like `sk-aig-…` (sub-account keys `sk-aig-sub-…`). */
const KEY_SHAPE = /^sk-aig-[\x21-\x7e]{4,}$/;

/** Rejects a missing or malformed key before any request, naming where it came from but never its value. */
export function requireApiKey(settings: ResolvedSettings): string {
  const key = settings.apiKey;
  if (key === undefined) {
    throw new CliError(
      'No API key. Pass --key, set AIGATEWAY_API_KEY, or run `aig init` to save one in .env.',
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

/** True when `key` has the shape of an AIgateway key (used by `init`'s prompt validation). */
export function looksLikeApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}
