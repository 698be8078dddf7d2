import { appendFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

const CALLABLE_CJS = `{
  const named = module.exports;
  const callable = function AIgateway(...args) {
    return new named.default(...args);
  };
  for (const key of Object.keys(named)) {
    Object.defineProperty(callable, key, { enumerable: true, get: () => named[key] });
  }
  Object.defineProperty(callable, '__esModule', { value: true });
  module.exports = callable;
}`;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The root entry on edge runtimes: same SDK, the webhooks' Web Crypto build (no node: imports).
    'index.edge': 'src/index.edge.ts',
    webhooks: 'src/webhooks/index.ts',
    // aigateway-js/webhooks on edge runtimes (no node: imports), picked by the exports conditions.
    'webhooks.edge': 'src/webhooks/index.edge.ts',
    mcp: 'src/mcp/index.ts',
    // aigateway-js/client: the root without the node:crypto webhook functions (one build for every runtime).
    client: 'src/client-entry.ts',
  },
  format: ['esm', 'cjs'],
  // `@internal` members (the resolved config, input checks) stay out of the public
  // declarations, which import no other package's types (test/dist-types.test.ts).
  dts: { compilerOptions: { stripInternal: true } },
  clean: true,
  // No source maps: the output is unminified and keeps the source's names, so a stack trace already points at
  // readable code; the maps pointed at src/ files the package does not ship, or carried them (1.9 MB, 60% of it).
  sourcemap: false,
  target: 'node20',
  treeshake: true,
  external: ['@modelcontextprotocol/sdk'],
  // The generated wire facts are bundled in: a private workspace package, never a runtime dependency.
  noExternal: ['aigateway-contract'],
  // `new (require('aigateway-js'))()` works as with openai: the CommonJS root export is a function
  // that constructs the client, carrying every named export (and `default`) as a property. Appended
  // after the build because the bundler writes the `exports.X = …` lines after any footer.
  async onSuccess() {
    for (const file of ['dist/index.cjs', 'dist/index.edge.cjs']) {
      await appendFile(file, `\n${CALLABLE_CJS}\n`);
    }
    // CommonJS builds are not split: a bundle of its own would be a second copy of every class (an error from one
    // would fail `instanceof` against the other). In CommonJS, aigateway-js/client is the root entry.
    await writeFile('dist/client.cjs', "'use strict';\nmodule.exports = require('./index.cjs');\n");
  },
});
