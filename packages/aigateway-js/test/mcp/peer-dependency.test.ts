import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

describe('aigateway-js/mcp without @modelcontextprotocol/sdk installed', () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('imports fine and explains how to install the peer dependency on connect', async () => {
    // Built like the package (the SDK external), then loaded from a folder where it cannot resolve.
    dir = await mkdtemp(join(tmpdir(), 'aigateway-js-no-mcp-sdk-'));
    const file = join(dir, 'mcp.mjs');
    await build({
      entryPoints: [new URL('../../src/mcp/index.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'node',
      external: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'],
      outfile: file,
      logLevel: 'silent',
    });
    // A plain node process: vitest's own resolver would find the SDK in this workspace.
    const probe = join(dir, 'probe.mjs');
    await writeFile(
      probe,
      `import { connectMcp } from './mcp.mjs';
      connectMcp({ apiKey: 'sk-aig-test', baseURL: 'http://127.0.0.1:9/v1' }).then(
        () => console.log('{}'),
        (e) => console.log(JSON.stringify({ name: e.name, message: e.message })),
      );`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [probe], { cwd: dir });
    const error = JSON.parse(stdout) as { name?: string; message?: string };
    expect(error?.name).toBe('ConfigurationError');
    expect(error?.message).toContain('npm install @modelcontextprotocol/sdk@1');
  });
});
