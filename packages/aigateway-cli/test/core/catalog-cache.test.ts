import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedModality, rememberModalities } from '../../src/core/catalog-cache.js';

describe('rememberModalities', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a full listing before it returns, without a round trip through the thread pool', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'aig-catalog-'));
    dirs.push(cache);
    const env = { XDG_CACHE_HOME: cache };
    // Not awaited yet: `aig models` exits as soon as it has printed, so the write must not wait on fs callbacks.
    const written = rememberModalities(env, 'http://127.0.0.1:1/v1', { 'openai/gpt-5.4': 'chat' }, true);
    const files = readdirSync(join(cache, 'aigateway'));
    expect(files).toEqual([expect.stringMatching(/^catalog-[0-9a-f]{16}\.json$/)]);
    const file = JSON.parse(readFileSync(join(cache, 'aigateway', files[0] as string), 'utf8'));
    expect(file).toMatchObject({ base_url: 'http://127.0.0.1:1/v1', models: { 'openai/gpt-5.4': 'chat' } });
    await written;
    expect(await cachedModality(env, 'http://127.0.0.1:1/v1', 'openai/gpt-5.4')).toBe('chat');
  });
});
