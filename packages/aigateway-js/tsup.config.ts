import { appendFile } from 'node:fs/promises';
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
  },
  format: ['esm', 'cjs'],
  // `@internal` members (the resolved config, input checks) stay out of the public
  // declarations, which import no other package's types (test/dist-types.test.ts).
  dts: { compilerOptions: { stripInternal: true } },
  clean: true,
  sourcemap: true,
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
  },
});
