#!/usr/bin/env node
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { codeCacheFile, runWithCodeCache } from './code-cache.js';
import { cacheDir } from './core/cache-dir.js';

/** The package's version, written in by the build (tsup.config.ts): bin.js reads no other file before it answers. */
declare const __AIG_VERSION__: string;

// `aig --version` is run in every CI log and shell prompt: answer it before loading commander or
// anything else (it is most of the start-up cost), with the same output commander would print.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__AIG_VERSION__}\n`);
  process.exit(0);
}

// Node ≥ 22.1 keeps the compiled code of the packages loaded below (dotenv, clack, …), so later starts skip most of
// their parsing. The cache lives where Node puts it (a folder in the OS temp dir, or NODE_COMPILE_CACHE). Node 20 has
// no such cache (nor its type in the @types/node this package builds with).
(module as typeof module & { enableCompileCache?: () => unknown }).enableCompileCache?.();

// The rest of aig is one CommonJS bundle beside this file (tsup.config.ts says why). It runs from V8's code cache,
// which aig keeps in its cache folder on every Node (code-cache.ts); NODE_DISABLE_COMPILE_CACHE=1, Node's switch for
// its own cache, turns it off.
const main = fileURLToPath(new URL('./main.js', import.meta.url));
const command = argv.find((a) => !a.startsWith('-')) ?? '';
runWithCodeCache(main, {
  cacheFile:
    process.env.NODE_DISABLE_COMPILE_CACHE === '1' ? undefined : codeCacheFile(cacheDir(process.env), main),
  label: /^[a-z][a-z-]{0,19}$/.test(command) ? command : command === '' ? 'root' : 'other',
  version: __AIG_VERSION__,
  // Resolved from this file, which is beside main.js.
  importModule: (specifier) => import(specifier),
});
