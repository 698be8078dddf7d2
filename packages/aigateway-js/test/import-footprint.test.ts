// What `import 'aigateway-js'` loads. Every `aig` command (a fresh Node process) and every serverless
// cold start pays for each module of it, so the root entry may pull in only a handful of
// third-party modules: zod/mini alone was ~90 (~75 ms of CPU per import, bench/ANALYSIS.md).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const EDGE_CONDITIONS = ['workerd', 'edge-light', 'worker', 'browser', 'deno'];

/** The third-party files a bundle of `entry` contains, as `package/path` (esbuild's module graph). */
async function thirdPartyModules(entry: string, options: BuildOptions): Promise<string[]> {
  const result = await build({
    ...options,
    entryPoints: [join(packageRoot, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    logLevel: 'silent',
    external: ['node:*'],
  });
  return Object.keys(result.metafile.inputs)
    .filter((input) => input.includes('node_modules/'))
    .map((input) => input.split('node_modules/').at(-1) ?? input);
}

const packageOf = (module: string): string =>
  module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : (module.split('/')[0] ?? module);

describe('the root entry’s module graph', () => {
  it.each([
    ['src/index.ts', { platform: 'node' }],
    ['src/index.edge.ts', { platform: 'neutral', conditions: EDGE_CONDITIONS }],
  ] as const)('%s loads no zod and at most a dozen third-party modules', async (entry, options) => {
    const modules = await thirdPartyModules(entry, options);
    console.log(
      `${entry}: ${modules.length} third-party modules (${[...new Set(modules.map(packageOf))].join(', ')})`,
    );
    expect(modules.map(packageOf)).not.toContain('zod');
    expect(modules.length).toBeLessThanOrEqual(12);
  });

  it('the count sees every module of a package (msw, which has many)', async () => {
    const result = await build({
      stdin: { contents: "export * from 'msw';", resolveDir: packageRoot, loader: 'js' },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      logLevel: 'silent',
    });
    const mswModules = Object.keys(result.metafile.inputs).filter((p) => p.includes('node_modules/msw/'));
    expect(mswModules.length).toBeGreaterThan(12);
  });
});
