import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator.js';
import { startGateway } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function stateFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aig-emulator-'));
  dirs.push(dir);
  return join(dir, 'nested', 'state.json');
}

describe('--state persistence', () => {
  it('sub-accounts, jobs (resuming their schedule), usage and evals survive a restart', async () => {
    const file = await stateFile();
    const options = { stateFile: file, apiKey: 'sk-aig-persist' };
    const first = await startGateway(options);
    const sa = await (
      await first.call('POST', '/v1/sub-accounts', { body: { name: 'kept', spend_cap_cents: 500 } })
    ).json();
    await first.call('POST', '/v1/chat/completions', {
      key: sa.key,
      body: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'x' }] },
      headers: { 'x-aig-tag': 'kept-tag' },
    });
    const job = await (
      await first.call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'x', duration: 2 },
      })
    ).json();
    const run = await (
      await first.call('POST', '/v1/evals', {
        body: {
          name: 'kept',
          candidate_models: ['openai/gpt-5.4', 'moonshot/kimi-k2.6'],
          dataset: [{ input: 'x' }],
          metric: 'cost',
        },
      })
    ).json();
    await first.control.advance(3600 * 24);
    const chatRequest = first.control.requests().find((r) => r.path === '/v1/chat/completions')!;
    const pending = await (
      await first.call('POST', '/v1/audio/music', {
        body: { model: 'suno/v5', prompt: 'later', duration: 5 },
      })
    ).json();
    await first.close();
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1);

    const second = await startGateway(options);
    try {
      expect((await second.call('GET', '/v1/models', { key: sa.key })).status).toBe(200);
      const restored = await (await second.call('GET', `/v1/sub-accounts/${sa.id}`)).json();
      expect(restored).toMatchObject({ name: 'kept', spend_cap_cents: 500 });
      expect((await (await second.call('GET', `/v1/jobs/${job.id}`)).json()).status).toBe('completed');
      expect((await (await second.call('GET', `/v1/evals/${run.id}`)).json()).winner).not.toBeNull();
      const usage = await (await second.call('GET', '/v1/usage/by-tag', { key: sa.key })).json();
      expect(usage.data[0]).toMatchObject({ tag: 'kept-tag', requests: 1 });
      expect(second.control.now()).toBeGreaterThanOrEqual(first.control.now());
      expect((await (await second.call('GET', `/v1/jobs/${pending.id}`)).json()).status).not.toBe(
        'completed',
      );
      await second.control.advance(60);
      expect((await (await second.call('GET', `/v1/jobs/${pending.id}`)).json()).status).toBe('completed');
      const replay = await second.call('POST', '/v1/replays', {
        body: { source_request_id: chatRequest.id, target_model: 'moonshot/kimi-k2.6' },
      });
      expect(replay.status).toBe(201);
    } finally {
      await second.close();
    }
  });

  it('writes atomically (no temp files left) and coalesces writes', async () => {
    const file = await stateFile();
    const emulator = createEmulator({ stateFile: file });
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await emulator.fetch(
        new Request('http://x/v1/sub-accounts', {
          method: 'POST',
          headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `n${i}` }),
        }),
      );
      keys.push((await res.json()).key);
    }
    await emulator.close();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.sub_accounts).toHaveLength(20);
    // Keys are kept as hashes only.
    for (const key of keys) expect(JSON.stringify(saved)).not.toContain(key);
    expect(JSON.stringify(saved)).not.toContain(emulator.apiKey);
    expect((await readdir(join(file, '..'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a corrupt state file with a clear message', async () => {
    const bad = join(await stateFile(), '..', '..', 'bad.json');
    await writeFile(bad, '{nope');
    expect(() => createEmulator({ stateFile: bad })).toThrow(/not valid JSON/);
  });
});
