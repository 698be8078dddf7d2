#!/usr/bin/env node
// Builds the console (Preact + a minimal MCP client) into dist/console/{app.js,app.css}, which the
// emulator serves at /_emulator/ and /mcp/inspect, and prints the bundle's size. Runs after tsup
// (which cleans dist/) in `pnpm build`; `--check-size` fails when the gzipped bundle outgrows its budget.
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const outdir = join(here, '../dist/console');
// What a look at a local page should cost: Preact (~5.5 kB), a JSON Schema validator (~6.5 kB)
// and the console itself. The official MCP SDK client alone is ~93 kB gzipped (measured; see README).
const BUDGET_GZ = 45 * 1024;

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
let jsGz = 0;
for (const file of Object.keys(result.metafile.outputs)) {
  const bytes = await readFile(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (file.endsWith('.js')) jsGz = gz;
  rows.push(
    `${file.split('/').pop()} ${(bytes.length / 1024).toFixed(1)} kB (${(gz / 1024).toFixed(1)} kB gzipped)`,
  );
}
console.log(`console: ${rows.join(', ')}`);
if (process.argv.includes('--check-size') && jsGz > BUDGET_GZ) {
  console.error(`console: app.js is ${jsGz} B gzipped, over its ${BUDGET_GZ} B budget.`);
  process.exit(1);
}
