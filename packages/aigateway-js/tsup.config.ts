import { defineConfig } from 'tsup';

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
});
