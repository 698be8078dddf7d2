import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as edge from '../../src/webhooks/index.edge.js';
import { signWebhook } from '../../src/webhooks/index.js';
import {
  bundle,
  EDGE_CONDITIONS,
  type ExportsResolver,
  exportsResolver,
  packageRoot,
} from '../helpers/bundling.js';
import { completedJob, NOW_SECONDS, SECRET } from './fixtures.js';

const src = (file: string) => join(packageRoot, 'src/webhooks', file);

const nodeImport = /(?:from\s*|require\(\s*|import\(\s*)["']node:/;

describe('the edge build of aigateway-js/webhooks', () => {
  it('imports no node: module (and the check does see the node build import node:crypto)', async () => {
    const options: BuildOptions = { format: 'esm', platform: 'neutral', external: ['node:*'] };
    const edgeBuild = await bundle({ ...options, entryPoints: [src('index.edge.ts')] });
    expect(edgeBuild.imports.filter((p) => p.startsWith('node:'))).toEqual([]);
    expect(edgeBuild.text).not.toMatch(nodeImport);
    const nodeBuild = await bundle({ ...options, entryPoints: [src('index.ts')] });
    expect(nodeBuild.imports).toContain('node:crypto');
    expect(nodeBuild.text).toMatch(nodeImport);
  });

  it('verifies in a bare JavaScript realm with only Web APIs (no Buffer, process or require)', async () => {
    const { text } = await bundle({
      entryPoints: [src('index.edge.ts')],
      format: 'iife',
      globalName: 'webhooks',
      platform: 'browser',
    });
    const { body, headers } = signWebhook(completedJob(), SECRET, { timestamp: NOW_SECONDS });
    const realm = {
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
      Headers,
      body,
      headers,
      secret: SECRET,
    };
    const script = `${text}; webhooks.verifyWebhookAsync(body, new Headers(headers), secret, { now: () => ${NOW_SECONDS * 1000} })`;
    const event = await runInNewContext(script, realm);
    expect(event).toMatchObject({ type: 'job.completed', data: { id: 'job_abc123' } });
    expect(runInNewContext('typeof Buffer + typeof process + typeof require', realm)).toBe(
      'undefinedundefinedundefined',
    );
  });

  it('has a sync verifyWebhook and signWebhook that point to the async functions', () => {
    const { body, headers } = signWebhook(completedJob(), SECRET, { timestamp: NOW_SECONDS });
    const run = [
      () => edge.verifyWebhook(body, headers, SECRET),
      () => edge.signWebhook(completedJob(), SECRET),
    ];
    for (const [call, alternative] of [
      [run[0]!, 'await verifyWebhookAsync('],
      [run[1]!, 'await signWebhookAsync('],
    ] as const) {
      const error = (() => {
        try {
          call();
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(edge.WebhookVerificationError);
      expect((error as Error).message).toContain(alternative);
    }
  });
});

describe('bundle size of a webhook handler (minified + gzipped, budget 5 KB)', () => {
  it.each([
    ['verifyWebhook, platform node', 'index.ts', 'verifyWebhook', 'node'],
    ['verifyWebhookAsync, platform browser', 'index.edge.ts', 'verifyWebhookAsync', 'browser'],
  ] as const)('%s', async (label, entry, name, platform) => {
    const { text } = await bundle({
      stdin: { contents: `export { ${name} } from ${JSON.stringify(src(entry))};`, resolveDir: packageRoot },
      format: 'esm',
      platform,
      minify: true,
    });
    const gzipped = gzipSync(text, { level: 9 }).length;
    console.log(`${label}: ${text.length} B minified, ${gzipped} B gzipped`);
    expect(gzipped).toBeLessThan(5 * 1024);
  });
});

describe('package.json exports: which build each runtime resolves', () => {
  let resolver: ExportsResolver;
  beforeAll(async () => {
    resolver = await exportsResolver('./webhooks');
  });
  afterAll(() => resolver.close());
  const resolved: ExportsResolver['resolved'] = (...args) => resolver.resolved(...args);

  it.each(EDGE_CONDITIONS)('"%s" resolves to the edge build (import and require)', async (condition) => {
    expect(await resolved([condition], 'neutral', 'esm')).toBe('./dist/webhooks.edge.js');
    expect(await resolved([condition], 'neutral', 'cjs')).toBe('./dist/webhooks.edge.cjs');
  });

  it('Node.js (and Bun, which implements node:crypto) resolves to the node:crypto build', async () => {
    expect(await resolved([], 'node', 'esm')).toBe('./dist/webhooks.js');
    expect(await resolved([], 'node', 'cjs')).toBe('./dist/webhooks.cjs');
    // Bun implements node:crypto: the sync verifier works there, whatever else it announces.
    expect(await resolved(['bun', 'worker'], 'neutral', 'esm')).toBe('./dist/webhooks.js');
    expect(await resolved(['bun', 'worker'], 'neutral', 'cjs')).toBe('./dist/webhooks.cjs');
  });

  it('tsup builds the edge entry the exports point to', async () => {
    const config = await readFile(join(packageRoot, 'tsup.config.ts'), 'utf8');
    expect(config).toContain("'webhooks.edge': 'src/webhooks/index.edge.ts'");
  });
});
