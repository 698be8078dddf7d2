// Node 20 has no compile cache for packages (module.enableCompileCache arrived in 22.1): every `aig` start parsed
// and compiled its bundle again (~25% of `aig models`' instructions). This runs the bundle through vm.Script with
// V8's code cache kept in aig's cache folder, as v8-compile-cache does, on every Node: later starts deserialise the
// compiled code instead. Whatever goes wrong with the cache (missing, stale, corrupt, unwritable) only means
// compiling.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { pruneCacheFiles } from './core/cache-dir.js';

const MAGIC = 'aig-code-cache-1';

/** A code cache not rewritten for this long is taken to belong to an install that is gone. */
const CODE_CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Where and under which name to keep the code cache of one bundle. */
export interface CodeCacheOptions {
  /** The cache file, or undefined to run without a cache. */
  cacheFile: string | undefined;
  /** What this run exercises (the command's name): the cache is rewritten once per label it lacks. */
  label: string;
  /** Written into the cache's key, so an upgrade never meets the code of the version before. */
  version: string;
  /**
   * Loads an ES module for the bundle, whose import()s the build routes here (as `__aigImport`): code compiled by
   * vm.Script has no import() of its own once it comes from the cache (Node 20 drops its dynamic-import callback).
   */
  importModule: (specifier: string) => Promise<unknown>;
}

/**
 * The cache file for `file` in `dir`: one per install and Node version (an FNV-1a hash of both names it), so two
 * installs or two Nodes do not keep replacing each other's.
 */
export function codeCacheFile(dir: string, file: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${file}\0${process.version}\0${process.arch}`) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  }
  return join(dir, `code-${(hash >>> 0).toString(16).padStart(8, '0')}.bin`);
}

/** The cache's key: the bundle (version, size, mtime) and the V8 that compiled it. */
function keyOf(file: string, source: string, version: string): string {
  return [version, source.length, statSync(file).mtimeMs, process.version, process.arch].join(' ');
}

/** The cached code and the labels it covers, when the file exists and its key matches. */
function readCache(cacheFile: string, key: string): { data: Buffer; labels: string[] } | undefined {
  try {
    const bytes = readFileSync(cacheFile);
    const end = bytes.indexOf(10);
    const [magic, cachedKey, labels = ''] = bytes.toString('latin1', 0, end).split('\t');
    if (end === -1 || magic !== MAGIC || cachedKey !== key) return undefined;
    return { data: bytes.subarray(end + 1), labels: labels.split(',') };
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache atomically (a temp file renamed over it), so a reader never sees half of one. The temp file is
 * created before V8 serialises the code: where it cannot be (a read-only home), that work is not done at every exit.
 */
function writeCache(cacheFile: string, header: string, data: () => Buffer): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, `${header}\n`, null, 'latin1');
    writeSync(fd, data());
    closeSync(fd);
    fd = undefined;
    renameSync(temp, cacheFile);
    // Each upgrade of aig or Node starts a new file; those of installs not run for a month go. One still in use is
    // only read, so it looks as old as its last write: deleting it costs that install one compile and one rewrite.
    pruneCacheFiles(dirname(cacheFile), 'code-', '.bin', CODE_CACHE_MAX_AGE_MS, cacheFile);
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to tidy.
    }
  }
}

/**
 * Runs the CommonJS file `file` as `require` would, compiled from the code cache when it has one. The cache is
 * written at exit when it was missing or stale, or lacked `label`: V8 adds the functions this run compiled, so the
 * cache grows to cover each command once used.
 */
export function runWithCodeCache(file: string, options: CodeCacheOptions): void {
  const source = readFileSync(file, 'utf8');
  const { cacheFile, label } = options;
  let key: string | undefined;
  let cached: { data: Buffer; labels: string[] } | undefined;
  if (cacheFile !== undefined) {
    try {
      key = keyOf(file, source, options.version);
      cached = readCache(cacheFile, key);
    } catch {
      key = undefined;
    }
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname, __aigImport) {${source}\n})`,
    { filename: file, cachedData: cached?.data },
  );
  if (cacheFile !== undefined && key !== undefined) {
    const stale = cached === undefined || script.cachedDataRejected === true;
    if (stale || !cached?.labels.includes(label)) {
      const labels = stale ? [label] : [...(cached?.labels ?? []), label];
      process.once('exit', () =>
        writeCache(cacheFile, [MAGIC, key, labels.join(',')].join('\t'), () => script.createCachedData()),
      );
    }
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  const args = [module.exports, createRequire(file), module, file, dirname(file), options.importModule];
  wrapper.apply(module.exports, args);
}
