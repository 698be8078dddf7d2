// What `import 'aigateway-js'` loads. Every `aig` command (a fresh Node process) and every serverless
// cold start pays for each module of it: zod/mini was ~90 modules (~75 ms of CPU per import) and
// ofetch's Node build a node-fetch polyfill (~45 ms, ~115 KB minified), both for work the SDK did
// not need (bench/ANALYSIS.md). So the entries may load only the package's runtime dependencies,
// and few modules of them.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const EDGE_CONDITIONS = ['workerd', 'edge-light', 'worker', 'browser', 'deno'];

async function bundle(options: BuildOptions) {
  const result = await build({
    ...options,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    minify: true,
    logLevel: 'silent',
    external: ['node:*'],
  });
  // Third-party files as `package/path`, from esbuild's module graph.
  const modules = Object.keys(result.metafile.inputs)
    .filter((input) => input.includes('node_modules/'))
    .map((input) => input.split('node_modules/').at(-1) ?? input);
  return { modules, text: result.outputFiles[0]?.text ?? '' };
}

const packageOf = (module: string): string =>
  module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : (module.split('/')[0] ?? module);

const ENTRIES = [
  ['src/index.ts', { platform: 'node' }],
  ['src/index.edge.ts', { platform: 'neutral', conditions: EDGE_CONDITIONS }],
] as const;

describe('the root entry’s module graph', () => {
  it.each(ENTRIES)('%s loads only the runtime dependencies, a handful of modules', async (entry, options) => {
    const { modules } = await bundle({ ...options, entryPoints: [join(packageRoot, entry)] });
    const manifest = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    console.log(`${entry}: ${modules.length} third-party modules: ${modules.join(', ')}`);
    expect([...new Set(modules.map(packageOf))].sort()).toEqual(
      Object.keys(manifest.dependencies ?? {}).sort(),
    );
    expect(modules.length).toBeLessThanOrEqual(5);
  });

  // Budget 33 KB: it holds the contract's schemas behind the input checks (~8 KB), their compiled
  // accept-path probes (~1 KB, check-probe.ts: 4× faster checks on every call), the webhook
  // verification of `client.webhooks.unwrap` (~4 KB) and the Node path that skips fetch (~1 KB,
  // transport-hook.ts `send`: a call costs a third to a half of a raw fetch's CPU).
  it('bundles `AIgateway` into well under the openai client (min+gz, budget 33 KB; openai 6: ~35 KB)', async () => {
    const { text } = await bundle({
      stdin: {
        contents: "export { AIgateway } from './src/index.ts';",
        resolveDir: packageRoot,
        loader: 'ts',
      },
      platform: 'node',
    });
    const gzipped = gzipSync(text, { level: 9 }).length;
    console.log(`AIgateway (node): ${text.length} B minified, ${gzipped} B gzipped`);
    expect(gzipped).toBeLessThan(33 * 1024);
  });

  it('the count sees every module of a package (msw, which has many)', async () => {
    const { modules } = await bundle({
      stdin: { contents: "export * from 'msw';", resolveDir: packageRoot, loader: 'js' },
      platform: 'node',
    });
    expect(modules.filter((m) => m.startsWith('msw/')).length).toBeGreaterThan(5);
  });
});
