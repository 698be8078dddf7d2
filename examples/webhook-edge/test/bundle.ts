import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** The module a Workers runtime would load: `src/worker.ts` bundled as wrangler does. */
export interface WorkerBundle {
  code: string;
  inputs: string[];
  /** Node.js built-ins (`crypto`, `node:crypto`, …) imported by any bundled module. */
  nodeImports: string[];
  worker: { fetch: (request: Request, env: object, ctx: object) => Response | Promise<Response> };
  dispose: () => Promise<void>;
}

export async function bundleWorker(): Promise<WorkerBundle> {
  const result = await build({
    entryPoints: ['src/worker.ts'],
    bundle: true,
    format: 'esm',
    // No Node.js built-ins and no `node` condition: what workerd (wrangler) and Vercel Edge resolve.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    // Kept external (instead of failing the build) so the test can name any that slipped in.
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const metafile = result.metafile as Metafile;
  // Every module in the graph, before tree-shaking drops unused imports.
  const nodeImports = Object.values(metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path),
  );
  const dir = await mkdtemp(join(tmpdir(), 'webhook-edge-'));
  const file = join(dir, 'worker.mjs');
  await writeFile(file, code);
  const module = (await import(pathToFileURL(file).href)) as { default: WorkerBundle['worker'] };
  return {
    code,
    inputs: Object.keys(metafile.inputs),
    nodeImports,
    worker: module.default,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
