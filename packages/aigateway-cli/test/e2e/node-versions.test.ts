// The rest of this suite runs the built binary on the host Node (20). Users are on 22 and 24, where bin.js takes
// other paths: Node's own compile cache is on beside aig's code cache, and import() from the cached bundle goes
// through the loader bin.js hands it. Each command here reaches one of those paths on each major.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, useGateway } from '../helpers/gateway.js';
import { startBin } from '../helpers/spawn.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fromRuntimes = createRequire(join(repoRoot, 'tools/runtimes/package.json'));

/** The binary of `node-<major>` (tools/runtimes' optional dependency), or a test failure that says how to get it. */
function nodeBinary(major: number): string {
  let path: string;
  try {
    path = join(dirname(fromRuntimes.resolve(`node-${major}/package.json`)), 'bin/node');
  } catch {
    throw new Error(
      `Node ${major} is not installed: run \`pnpm install\` on Linux x64 (glibc); tools/runtimes installs it as an optional dependency.`,
    );
  }
  if (!existsSync(path))
    throw new Error(`Node ${major}: ${path} does not exist; run \`pnpm install\` again.`);
  return path;
}

const g = useGateway();

describe.each([22, 24])('the built aig on Node %i', (major) => {
  const node = nodeBinary(major);
  let cache: string;
  beforeAll(async () => {
    cache = await mkdtemp(join(tmpdir(), `aig-node${major}-`));
  });
  afterAll(async () => {
    await rm(cache, { recursive: true, force: true });
  });
  const run = (args: string[], env: Record<string, string> = {}) =>
    g.bin(args, { node, env: { XDG_CACHE_HOME: cache, ...env } });

  it('answers --version and runs models --json, writing the code cache and then starting from it', async () => {
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);

    const first = await run(['models', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const codeFiles = (await readdir(join(cache, 'aigateway'))).filter((f) => /^code-.*\.bin$/.test(f));
    expect(codeFiles).toHaveLength(1);
    const written = await stat(join(cache, 'aigateway', codeFiles[0] as string));

    const second = await run(['models', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(json(second)).toEqual(json(first));
    expect(json<{ data: unknown[] }>(second).data.length).toBeGreaterThan(0);
    // Nothing new to keep for a command the cache already holds.
    expect((await stat(join(cache, 'aigateway', codeFiles[0] as string))).mtimeMs).toBe(written.mtimeMs);
  });

  it('loads ES modules from the cached bundle: --jq (jq-wasm) filters the result', async () => {
    const r = await run(['models', '--modality', 'chat', '--jq', '.data[0].id']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[a-z0-9-]+\/[^\s]+\n$/);
  });

  it('streams a chat reply, waits for a job and saves its output', async () => {
    const chat = await run(['call', 'openai/gpt-5.4', `hello from node ${major}`]);
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain(`hello from node ${major}`);

    const out = join(cache, 'clip.mp4');
    const job = await run(['call', 'runwayml/gen-4', 'a sunset', '--out', out]);
    expect(job.code, job.stderr).toBe(0);
    expect((await stat(out)).size).toBeGreaterThan(0);
  });

  it('says what went wrong in one JSON line with its exit code', async () => {
    const r = await run(['models', '--json'], { AIGATEWAY_API_KEY: 'sk-aig-wrongwrongwrong' });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { exit_code: 3 } });
  });

  it('runs `aig dev` (the emulator, imported from the cached bundle) until Ctrl-C', async () => {
    const dev = startBin(['dev', '--port', '0'], { node, env: { XDG_CACHE_HOME: cache } });
    const [, url] = await dev.waitFor('stdout', /Base URL\s+(http:\/\/127\.0\.0\.1:\d+\/v1)/, 20_000);
    const res = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-aig-emulator-dev' } });
    expect(res.status).toBe(200);
    const done = await dev.interrupt();
    // Ctrl-C ends a server the way it ends everything in aig: 130, after it has stopped.
    expect(done.code).toBe(130);
    expect(done.stdout).toContain('Stopping');
  });
});
