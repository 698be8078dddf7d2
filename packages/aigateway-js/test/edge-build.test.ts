import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundle,
  EDGE_CONDITIONS,
  type ExportsResolver,
  exportsResolver,
  packageRoot,
} from './helpers/bundling.js';
import { type Harness, startHarness } from './helpers/emulator.js';

// The root entry on edge runtimes (src/index.edge.ts): what a Workers / Vercel edge bundle pulls in.

describe('the edge build of the aigateway-js root', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('imports no node: module (and the check does see the node build import one)', async () => {
    const options: BuildOptions = {
      format: 'esm',
      platform: 'neutral',
      conditions: ['worker'],
      external: ['node:*'],
    };
    const edge = await bundle({ ...options, entryPoints: [join(packageRoot, 'src/index.edge.ts')] });
    expect(edge.imports.filter((p) => p.startsWith('node:'))).toEqual([]);
    const node = await bundle({ ...options, entryPoints: [join(packageRoot, 'src/index.ts')] });
    expect(node.imports).toContain('node:crypto');
  });

  it('runs in a bare realm with only Web APIs (no process, Buffer or require) against the emulator', async () => {
    const { text } = await bundle({
      entryPoints: [join(packageRoot, 'src/index.edge.ts')],
      format: 'iife',
      globalName: 'sdk',
      platform: 'browser',
    });
    const web = {
      fetch,
      Headers,
      Request,
      Response,
      AbortController,
      AbortSignal,
      ReadableStream,
      TextEncoder,
    };
    const realm = {
      ...web,
      TextDecoder,
      URL,
      URLSearchParams,
      FormData,
      Blob,
      File,
      crypto: globalThis.crypto,
      setTimeout,
      clearTimeout,
      console,
      baseURL: gw.baseURL,
      apiKey: gw.apiKey,
    };
    const script = `${text};
      (async () => {
        const client = new sdk.AIgateway({ apiKey, baseURL });
        const models = await client.models.list();
        const stream = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'edge' }], stream: true });
        const final = await stream.finalChatCompletion();
        let missing;
        try { new sdk.AIgateway({ baseURL }); } catch (e) { missing = e.name; }
        return { count: models.data.length, content: final.choices[0].message.content, missing };
      })()`;
    const result = await runInNewContext(script, realm);
    expect(result.count).toBeGreaterThan(0);
    expect(result.content).toContain('edge');
    expect(result.missing).toBe('ConfigurationError');
    expect(runInNewContext('typeof process + typeof Buffer + typeof require', realm)).toBe(
      'undefinedundefinedundefined',
    );
  });
});

describe('package.json exports: which root build each runtime resolves', () => {
  let resolver: ExportsResolver;
  beforeAll(async () => {
    resolver = await exportsResolver('.');
  });
  afterAll(() => resolver.close());
  const resolved: ExportsResolver['resolved'] = (...args) => resolver.resolved(...args);

  it.each(EDGE_CONDITIONS)('"%s" resolves to the edge build (import and require)', async (condition) => {
    expect(await resolved([condition], 'neutral', 'esm')).toBe('./dist/index.edge.js');
    expect(await resolved([condition], 'neutral', 'cjs')).toBe('./dist/index.edge.cjs');
  });

  it('Node.js and Bun resolve to the node build', async () => {
    expect(await resolved([], 'node', 'esm')).toBe('./dist/index.js');
    expect(await resolved([], 'node', 'cjs')).toBe('./dist/index.cjs');
    expect(await resolved(['bun', 'worker'], 'neutral', 'esm')).toBe('./dist/index.js');
  });
});
