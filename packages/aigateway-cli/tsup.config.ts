import { defineConfig } from 'tsup';

// One ESM bundle with code splitting: bin.js answers --version, then imports the core chunk (the program and its
// commands); what is heavy or rare (init, prompts, the webhook listener, aig dev, mcp install) is a chunk of its
// own, imported on first use. Dependencies (dotenv, clack, jq-wasm, aigateway-js) and the optional peers (the emulator,
// the MCP SDK) stay external — declared, so `npm audit` sees them — and load lazily, so `aig --version` starts fast.
// Bundled: aigateway-contract (the wire facts, a private workspace package users never install), commander and
// fast-string-width (on every start: one chunk instead of ten modules to resolve and load, ~7 ms of CPU less).
// Proxies need no package: transport/proxy-connect.ts tunnels over node:http.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: true,
  noExternal: ['aigateway-contract', 'commander', 'fast-string-width', 'fast-string-truncated-width'],
  // Smaller chunks parse faster at start-up; identifiers stay readable for --verbose stack traces.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
  // commander is CommonJS and require()s node built-ins: give the ESM chunks a require.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __aigCreateRequire } from 'node:module';\nconst require = __aigCreateRequire(import.meta.url);",
  },
});
