// Shared by the root and the webhooks edge-build tests: esbuild bundles, and which dist file each
// runtime's export conditions resolve a package subpath to.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The export conditions of edge runtimes (Workers, Vercel edge, web workers, browsers, Deno). */
export const EDGE_CONDITIONS = ['workerd', 'edge-light', 'worker', 'browser', 'deno'];

/** Bundles in memory; returns the code and every import the bundle kept external. */
export async function bundle(options: BuildOptions): Promise<{ text: string; imports: string[] }> {
  const result = await build({ ...options, bundle: true, write: false, metafile: true, logLevel: 'silent' });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  return { text: result.outputFiles[0]?.text ?? '', imports };
}

export interface ExportsResolver {
  /** The dist file (`./dist/…`) that `subpath` resolves to under these conditions. */
  resolved(
    conditions: string[],
    platform: 'node' | 'neutral',
    format: 'esm' | 'cjs',
  ): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * A copy of the package whose dist files for `subpath` only say which file they are, so esbuild's
 * resolution of the real `exports` map can be read off the bundle.
 */
export async function exportsResolver(subpath: '.' | `./${string}`): Promise<ExportsResolver> {
  const dir = await mkdtemp(join(tmpdir(), 'aigateway-js-exports-'));
  const pkgDir = join(dir, 'node_modules/aigateway-js');
  const manifest = await readFile(join(packageRoot, 'package.json'), 'utf8');
  await mkdir(join(pkgDir, 'dist'), { recursive: true });
  await writeFile(join(pkgDir, 'package.json'), manifest);
  const { exports } = JSON.parse(manifest) as { exports: Record<string, unknown> };
  for (const file of JSON.stringify(exports[subpath]).match(/\.\/dist\/[\w.]+\.c?js/g) ?? []) {
    const body = file.endsWith('.cjs') ? `exports.file = '${file}';` : `export const file = '${file}';`;
    await writeFile(join(pkgDir, file), body);
  }
  const specifier = subpath === '.' ? 'aigateway-js' : `aigateway-js/${subpath.slice(2)}`;
  return {
    async resolved(conditions, platform, format) {
      const contents =
        format === 'esm'
          ? `import { file } from '${specifier}'; console.log(file);`
          : `console.log(require('${specifier}').file);`;
      const { text } = await bundle({ stdin: { contents, resolveDir: dir }, conditions, platform, format });
      return text.match(/\.\/dist\/[\w.]+/)?.[0];
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
