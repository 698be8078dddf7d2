#!/usr/bin/env node
// Builds the console (Preact + a minimal MCP client) into dist/console/{app.js,app.css}, which the
// emulator serves at /_emulator/ and /mcp/inspect, and prints the bundle's size. Runs after tsup
// (which cleans dist/) in `pnpm build`.
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const outdir = join(here, '../dist/console');
const result = await build({
  entryPoints: { app: join(here, 'src/main.tsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir,
  metafile: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

const rows = [];
for (const file of Object.keys(result.metafile.outputs)) {
  const bytes = await readFile(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  rows.push(
    `${file.split('/').pop()} ${(bytes.length / 1024).toFixed(1)} kB (${(gz / 1024).toFixed(1)} kB gzipped)`,
  );
}
// Preact is ~5.5 kB of it and @cfworker/json-schema ~6.5 kB; the official MCP SDK client alone
// would be ~93 kB gzipped (measured; see the README), which is why the inspector has its own.
console.log(`console: ${rows.join(', ')}`);
