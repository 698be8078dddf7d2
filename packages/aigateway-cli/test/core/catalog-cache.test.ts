import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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

  it('a gateway seen for the first time removes the catalogs older than a day, and only those', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'aig-catalog-'));
    dirs.push(cache);
    const dir = join(cache, 'aigateway');
    mkdirSync(dir);
    const aged = (name: string, hours: number) => {
      writeFileSync(join(dir, name), '{}');
      const when = new Date(Date.now() - hours * 3_600_000);
      utimesSync(join(dir, name), when, when);
    };
    aged('catalog-00000000000000aa.json', 25);
    aged('catalog-00000000000000bb.json', 23);
    aged('code-000000cc.bin', 48);
    aged('notes.txt', 48);
    const env = { XDG_CACHE_HOME: cache };
    await rememberModalities(env, 'http://127.0.0.1:2/v1', { 'openai/gpt-5.4': 'chat' }, true);
    const after = readdirSync(dir).sort();
    expect(after).not.toContain('catalog-00000000000000aa.json');
    expect(after).toEqual(
      expect.arrayContaining(['catalog-00000000000000bb.json', 'code-000000cc.bin', 'notes.txt']),
    );
    expect(after).toHaveLength(4);

    // Rewriting a gateway's catalog (every `aig models`) does not list the folder.
    aged('catalog-00000000000000dd.json', 25);
    await rememberModalities(env, 'http://127.0.0.1:2/v1', { 'openai/gpt-5.4': 'chat' }, true);
    expect(readdirSync(dir)).toContain('catalog-00000000000000dd.json');
  });
});
