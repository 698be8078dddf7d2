import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import ts from 'typescript';
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

// The bundle is CommonJS, but the package is "type": "module": a package.json in dist/ tells Node which of the two
// its .js files are.
async function markCommonJS(dir: string): Promise<void> {
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
}

// main.js runs from V8's code cache (code-cache.ts), where Node 20 gives import() no loader: each import() (of an
// ESM-only package: clack, jq-wasm, the emulator, the MCP SDK; or the SDK's computed node:fs) becomes a call of the
// __aigImport that bin.js passes in. Found by parsing (a starter template or help text that says "import(" is a
// string, and stays one).
async function routeImports(file: string): Promise<void> {
  const source = await readFile(file, 'utf8');
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const calls: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      calls.push(node.expression.getStart(tree));
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  let routed = source;
  for (const at of calls.sort((x, y) => y - x))
    routed = `${routed.slice(0, at)}__aigImport${routed.slice(at + 6)}`;
  await writeFile(file, routed);
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

// Two CommonJS files. bin.js answers --version, then runs main.js: the whole CLI in one bundle, which Node 20 loads
// without its ES module loader (resolving, reading, linking twenty ESM chunks was a third of `aig models`' CPU) and
// compiles from V8's code cache after the first run (code-cache.ts; Node ≥ 22.1's compile cache does not see it). The
// commands stay lazy inside it: esbuild wraps each module reached by import() in an init function that runs on first
// use, so `aig --help` runs no command's code, and with the cache parsing the code of the others is nearly free.
// Built-ins and CommonJS packages loaded on first use are require()d (core/node-require.ts); the ESM-only ones
// (clack, jq-wasm, the emulator, the MCP SDK) are import()ed (routeImports), starting the ES module loader only then.
// Dependencies (dotenv, clack, jq-wasm) and the optional peers (the emulator, the MCP SDK) stay external — declared,
// so `npm audit` sees them.
// Bundled: aigateway-contract (the wire facts, a private workspace package users never install), commander and
// fast-string-width, and aigateway-js, from its source (sdkFromSource): it imports the CLI's aigateway-contract
// module instead of carrying its own copy of the wire facts. It has no dependencies of its own.
// Proxies need no package: transport/proxy-connect.ts tunnels over node:http.
export default defineConfig({
  entry: { bin: 'src/bin.ts', main: 'src/main.ts' },
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: false,
  // import.meta.url, from __filename (optional-package.ts, node-require.ts).
  shims: true,
  noExternal: [
    'aigateway-contract',
    /^aigateway-js(\/|$)/,
    'commander',
    'fast-string-width',
    'fast-string-truncated-width',
  ],
  esbuildPlugins: [lazyChildProcess, sdkFromSource],
  // bin.ts prints it for --version, and keys the code cache with it.
  define: { __AIG_VERSION__: JSON.stringify(pkg.version) },
  // Smaller files parse faster at start-up; identifiers stay readable for --verbose stack traces.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
    options.charset = 'ascii';
  },
  onSuccess: async () => {
    await routeImports('dist/main.js');
    await markCommonJS('dist');
  },
});
