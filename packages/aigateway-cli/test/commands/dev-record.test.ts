import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBin } from '../helpers/spawn.js';

const UPSTREAM_KEY = 'sk-aig-REALupstreamKEY0123456789abcdef';

describe('aig dev --proxy --record', () => {
  it('passes the flags to the emulator: the key from the env upstream, violations as JSON lines, no key anywhere', async () => {
    const seen: (string | undefined)[] = [];
    // An upstream whose model list breaks the contract (no `data`).
    const upstream = createServer((req, res) => {
      seen.push(req.headers.authorization);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    const dir = mkdtempSync(join(tmpdir(), 'aig-dev-cassettes-'));
    const dev = startBin(
      ['dev', '--port', '0', '--json', '--proxy', url, '--proxy-key-env', 'UPSTREAM', '--record', dir],
      { env: { UPSTREAM: UPSTREAM_KEY } },
    );
    try {
      const [line] = await dev.waitFor('stdout', /^\{"event":"listening".*$/m);
      const listening = JSON.parse(line) as { base_url: string; api_key: string; recording: unknown };
      expect(listening.recording).toEqual({ mode: 'proxy', upstream: url, dir, on_miss: null });
      const res = await fetch(`${listening.base_url}/models`, {
        headers: { authorization: `Bearer ${listening.api_key}` },
      });
      expect(res.status).toBe(200);
      expect(seen).toEqual([`Bearer ${UPSTREAM_KEY}`]);
      const [violation] = await dev.waitFor('stdout', /^\{"event":"contract_violation".*$/m);
      expect(JSON.parse(violation)).toMatchObject({
        method: 'GET',
        path: '/v1/models',
        status: 200,
        message: "/ must have required property 'data'",
      });
    } finally {
      const result = await dev.interrupt();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
      expect(result.stdout + result.stderr).not.toContain(UPSTREAM_KEY);
    }
    const cassettes = readdirSync(dir);
    expect(cassettes).toHaveLength(1);
    expect(readFileSync(join(dir, cassettes[0]!), 'utf8')).not.toContain(UPSTREAM_KEY);
  });
});
