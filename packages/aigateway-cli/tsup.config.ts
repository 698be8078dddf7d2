import { defineConfig } from 'tsup';

// One ESM bundle with code splitting: bin.js holds commander, chalk and the command list; each command is
// its own chunk, imported on first use. aigateway-js, aigateway-emulator and the MCP SDK stay external
// (dependencies) and load lazily, so `aig --help` and `aig --version` start fast.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  splitting: true,
  // Smaller chunks parse faster at start-up; identifiers stay readable for --verbose stack traces.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
  // commander and dotenv are CommonJS and require() node built-ins; give the ESM chunks a require.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __aigCreateRequire } from 'node:module';\nconst require = __aigCreateRequire(import.meta.url);",
  },
});
