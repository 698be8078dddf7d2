import { defineConfig } from 'tsup';

// One ESM bundle with code splitting: bin.js holds the command list; each command is its own chunk, imported on
// first use. Dependencies (commander, chalk, dotenv, clack, aigateway-js) and the optional peers (the emulator, the
// MCP SDK) stay external — declared, so `npm audit` sees them — and load lazily, so `aig --version` starts fast.
// Bundled: aigateway-contract (the wire facts, a private workspace package users never install). Proxies need no
// package: transport/proxy-connect.ts tunnels over node:http.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: true,
  noExternal: ['aigateway-contract'],
  // Smaller chunks parse faster at start-up; identifiers stay readable for --verbose stack traces.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
  banner: { js: '#!/usr/bin/env node' },
});
