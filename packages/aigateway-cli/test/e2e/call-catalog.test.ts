import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';

// `aig call` asks the gateway which endpoint a model uses (GET /v1/models/{id}) only when it does not know:
// `aig models` and earlier calls leave the answer in the user's cache folder, per gateway.
let g: Gateway;
let cache: string;
const lookups = () => g.gw.control.requests().filter((r) => /^\/v1\/models\/.+/.test(r.path)).length;
const run = (args: string[]) => g.bin(args, { env: { XDG_CACHE_HOME: cache } });

beforeAll(async () => {
  g = await startGateway();
});
afterAll(() => g.close());
beforeEach(async () => {
  cache = await mkdtemp(join(tmpdir(), 'aig-cache-'));
  return () => rm(cache, { recursive: true, force: true });
});

describe('aig call without the extra model lookup', () => {
  it('after aig models, a call goes straight to the endpoint', async () => {
    expect((await run(['models', '--json'])).code).toBe(0);
    const before = lookups();
    const r = await run(['call', 'openai/gpt-5.4', 'hello', '--no-stream']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hello');
    const translation = await run(['call', 'meta/m2m100-1.2b', 'Good morning', '--to', 'fr', '--json']);
    expect(translation.code, translation.stderr).toBe(0);
    expect(lookups()).toBe(before);
  });

  it('without a catalog, the first call looks the model up and the next one does not', async () => {
    const before = lookups();
    expect((await run(['call', 'baai/bge-m3', 'hello', '--json'])).code).toBe(0);
    expect(lookups()).toBe(before + 1);
    expect((await run(['call', 'baai/bge-m3', 'again', '--json'])).code).toBe(0);
    expect(lookups()).toBe(before + 1);
  });

  it('the cache holds model ids and modalities for that gateway only, never the key', async () => {
    await run(['models', '--json']);
    const files = (await readdir(join(cache, 'aigateway'))).sort();
    // Beside the catalog, the compiled code of aig itself (startup.test.ts).
    expect(files).toEqual([
      expect.stringMatching(/^catalog-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^code-[0-9a-f]{8}\.bin$/),
    ]);
    for (const file of files) {
      expect(await readFile(join(cache, 'aigateway', file), 'latin1')).not.toContain(TEST_KEY);
    }
    const text = await readFile(join(cache, 'aigateway', files[0] as string), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ base_url: g.gw.url, models: { 'openai/gpt-5.4': 'chat' } });
  });

  it('an unknown model is still the gateway’s 404 (exit 5), not a cache miss', async () => {
    await run(['models', '--json']);
    const r = await run(['call', 'nobody/no-such-model', 'hi']);
    expect(r.code).toBe(5);
  });
});
