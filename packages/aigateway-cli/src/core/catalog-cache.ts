// Which endpoint a model uses, remembered per gateway so `aig call` need not ask (`GET /v1/models/{id}`) before
// every call: `aig models` stores the catalog it lists, and `aig call` each model it looks up. The file holds
// model ids and modalities only (no key), in the user's cache folder; any problem with it just means asking.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, pruneCacheFiles } from './cache-dir.js';
import { readFile } from './fs-light.js';
import type { Modality } from './modalities.js';

/** A catalog older than this is asked again (models are added and retired, rarely re-purposed). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface CatalogFile {
  base_url: string;
  fetched_at: number;
  models: Record<string, Modality>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Two 32-bit FNV-1a hashes of the base URL (different seeds), in hex: a file name per gateway. Not a secret (and a
 * collision only costs a lookup: the file records its base URL), so no node:crypto, which every `aig models` would
 * otherwise load (~2 ms of CPU).
 */
function fileId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const byte of new TextEncoder().encode(text)) {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193);
  }
  return [a, b].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

function fileFor(env: Env, baseURL: string): string {
  return join(cacheDir(env), `catalog-${fileId(baseURL)}.json`);
}

/** Temp files of this process: the pid tells processes apart, the count this one's writes. */
let writes = 0;

async function read(env: Env, baseURL: string): Promise<CatalogFile | undefined> {
  try {
    const file = JSON.parse(await readFile(fileFor(env, baseURL), 'utf8')) as CatalogFile;
    if (file.base_url !== baseURL || typeof file.models !== 'object' || file.models === null)
      return undefined;
    return file;
  } catch {
    return undefined;
  }
}

/** The cached modality of `model` on this gateway, if it was seen in the last day. */
export async function cachedModality(
  env: Env,
  baseURL: string,
  model: string,
): Promise<Modality | undefined> {
  const file = await read(env, baseURL);
  if (!file || Date.now() - file.fetched_at > MAX_AGE_MS) return undefined;
  return Object.hasOwn(file.models, model) ? file.models[model] : undefined;
}

/**
 * Stores modalities: `replace` (a full listing) starts the file afresh; otherwise the entries are added to what is
 * there. Never throws: a read-only home or a full disk only costs a lookup next time.
 */
export async function rememberModalities(
  env: Env,
  baseURL: string,
  models: Record<string, Modality>,
  replace: boolean,
): Promise<void> {
  try {
    const previous = replace ? undefined : await read(env, baseURL);
    const fresh = previous && Date.now() - previous.fetched_at <= MAX_AGE_MS;
    const file: CatalogFile = {
      base_url: baseURL,
      fetched_at: fresh ? previous.fetched_at : Date.now(),
      models: { ...(fresh ? previous.models : {}), ...models },
    };
    const path = fileFor(env, baseURL);
    // Synchronous calls: a few small syscalls on the main thread. With promises each step (mkdir, open, write, close,
    // rename) is a round trip through Node's thread pool, and the command's exit waits for the last one.
    mkdirSync(cacheDir(env), { recursive: true, mode: 0o700 });
    const created = !existsSync(path);
    const temp = `${path}.${process.pid}-${++writes}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(file), { mode: 0o600, flag: 'wx' });
      renameSync(temp, path);
    } catch {
      rmSync(temp, { force: true });
    }
    // A gateway seen for the first time (each `aig dev --port 0` is one): the catalogs no call will read again, those
    // older than a day, go. Writing one the folder already has (every `aig models`) does not pay for the listing.
    if (created) pruneCacheFiles(cacheDir(env), 'catalog-', '.json', MAX_AGE_MS, path);
  } catch {
    // The cache is an optimisation only.
  }
}
