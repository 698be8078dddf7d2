import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import pkg from './package.json' with { type: 'json' };

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

// commander requires node:child_process (and with it net and dgram) on load, for executable subcommands, which aig
// has none of: a stand-in that requires it on first spawn keeps it off every start-up (~2 ms of CPU).
const EAGER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess: Plugin = {
  name: 'commander-lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(EAGER_CHILD_PROCESS)) {
        throw new Error(`${args.path} no longer has "${EAGER_CHILD_PROCESS}": update tsup.config.ts.`);
      }
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return {
        contents: source.replace(EAGER_CHILD_PROCESS, lazy),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

// commander is CommonJS and require()s node built-ins: the ESM chunks get a require. Only the chunk that defines
// esbuild's __require helper uses it; onSuccess takes it out of the others, as each createRequire costs a resolution
// and a Module at start-up (aig models --json loads about twenty chunks: ~1 ms of CPU).
const REQUIRE_BANNER =
  "import { createRequire as __aigCreateRequire } from 'node:module';\nconst require = __aigCreateRequire(import.meta.url);\n";

async function dropUnusedRequire(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = join(dir, name);
    const source = await readFile(file, 'utf8');
    const without = source.replace(REQUIRE_BANNER, '');
    if (without !== source && !/\brequire\b/.test(without)) await writeFile(file, without);
  }
}

// aigateway-js subpaths → the SDK's source entries (its dist would bring a second copy of the wire facts).
const SDK_ENTRIES: Record<string, string> = {
  'aigateway-js/client': 'src/client-entry.ts',
  'aigateway-js/webhooks': 'src/webhooks/index.ts',
  'aigateway-js/mcp': 'src/mcp/index.ts',
};
const sdkFromSource: Plugin = {
  name: 'aigateway-js-from-source',
  setup(build) {
    const sdkDir = dirname(fileURLToPath(import.meta.resolve('aigateway-js/package.json')));
    build.onResolve({ filter: /^aigateway-js(\/|$)/ }, (args) => {
      const entry = SDK_ENTRIES[args.path];
      if (!entry)
        return { errors: [{ text: `${args.path}: add its source entry to SDK_ENTRIES in tsup.config.ts.` }] };
      return { path: join(sdkDir, entry) };
    });
  },
};

// One ESM bundle with code splitting: bin.js answers --version, then imports the program; each command is a chunk
// imported when it runs, and what is heavy or rare (the error catalogue, prompts, the webhook listener, aig dev, mcp
// install) is a chunk of its own, imported on first use. Dependencies (dotenv, clack, jq-wasm)
// and the optional peers (the emulator, the MCP SDK) stay external — declared, so `npm audit` sees them — and load
// lazily, so `aig --version` starts fast.
// Bundled: aigateway-contract (the wire facts, a private workspace package users never install), commander and
// fast-string-width (on every start: one chunk instead of ten modules to resolve and load, ~7 ms of CPU less), and
// aigateway-js, from its source (sdkFromSource): its modules are the CLI's chunks, not a package to resolve, and it
// imports the CLI's aigateway-contract module instead of carrying its own copy of the wire facts (aig models --json:
// ~2% fewer instructions for each of the two on Node 20). It has no dependencies of its own.
// Proxies need no package: transport/proxy-connect.ts tunnels over node:http.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: true,
  noExternal: [
    'aigateway-contract',
    /^aigateway-js(\/|$)/,
    'commander',
    'fast-string-width',
    'fast-string-truncated-width',
  ],
  esbuildPlugins: [lazyChildProcess, sdkFromSource],
  // bin.ts prints it for --version: importing package.json there made a chunk shared with the program, loaded first.
  define: { __AIG_VERSION__: JSON.stringify(pkg.version) },
  // Smaller chunks parse faster at start-up; identifiers stay readable for --verbose stack traces.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
  banner: { js: `#!/usr/bin/env node\n${REQUIRE_BANNER}` },
  onSuccess: () => dropUnusedRequire('dist'),
});
