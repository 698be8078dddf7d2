import { request } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IDEMPOTENCY_TTL_SECONDS,
  IdempotencyStore,
  MAX_IDEMPOTENCY_BYTES,
  MAX_IDEMPOTENCY_ENTRIES,
} from '../../src/http/middleware/idempotency-store.js';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
let stateFile: string;
beforeAll(async () => {
  stateFile = join(mkdtempSync(join(tmpdir(), 'aig-limits-')), 'state.json');
  gw = await startGateway({ stateFile });
});
afterAll(() => gw.close());

/** Sends only the headers of a request declaring `length` bytes; resolves with the response or 'timeout'. */
function declareHuge(path: string, length: number, waitMs = 3000) {
  return new Promise<{ status: number; connection: string | undefined; ms: number } | 'timeout'>(
    (resolve, reject) => {
      const url = new URL(path, gw.origin);
      const started = Date.now();
      const req = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gw.apiKey}`,
          'content-type': 'application/json',
          'content-length': String(length),
        },
      });
      const timer = setTimeout(() => {
        req.destroy();
        resolve('timeout');
      }, waitMs);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        resolve({ status: res.statusCode!, connection: res.headers.connection, ms: Date.now() - started });
        req.destroy();
      });
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.write('{"a":');
    },
  );
}

describe('bounded resources (#12 item 5)', () => {
  it('JSON nested 20,000 deep is a 400 naming the nesting limit, and --state keeps being written', async () => {
    const deep = `{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"hi"}],"metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await gw.call('POST', '/v1/chat/completions', {
      raw: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_json');
    expect(body.error.message).toContain('nesting limit');
    expect(body.error.message).toContain('128');
    const chat = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'still here?' }] };
    expect((await gw.call('POST', '/v1/chat/completions', { body: chat })).status).toBe(200);
    await gw.control.flush();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1);
  });

  it('JSON 128 deep is still accepted', async () => {
    const nested = `${'['.repeat(126)}${']'.repeat(126)}`;
    const res = await gw.call('POST', '/_emulator/clock/advance', { raw: `{"seconds":0,"x":${nested}}` });
    expect(res.status).toBe(200);
  });

  it('a Content-Length over the limit answers 413 at once and closes the connection (v1 and control)', async () => {
    for (const path of ['/v1/chat/completions', '/_emulator/faults']) {
      const res = await declareHuge(path, 200 * 1024 * 1024);
      expect(res, path).not.toBe('timeout');
      if (res === 'timeout') continue;
      expect(res.status).toBe(413);
      expect(res.connection).toBe('close');
    }
  });

  it('the control API refuses a body over 1 MiB', async () => {
    const pad = 'x'.repeat(2 * 1024 * 1024);
    const res = await gw.call('POST', '/_emulator/faults', {
      body: { path: '/v1/never', fault: 'status=500', pad },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('1 MiB limit');
    expect(gw.control.faults()).toHaveLength(0);
  });

  it('POST /_emulator/clock/advance takes 0 to ten years of seconds, nothing else', async () => {
    const before = gw.control.now();
    for (const seconds of [1e300, 10 * 365 * 24 * 3600 + 1, -1, '60', null]) {
      const res = await gw.call('POST', '/_emulator/clock/advance', { body: { seconds } });
      expect(res.status, String(seconds)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('ten years');
    }
    expect(gw.control.now() - before).toBeLessThan(5);
    expect(() => gw.control.advance(1e300)).toThrow(/ten years/);
    expect((await gw.call('POST', '/_emulator/clock/advance', { body: { seconds: 0 } })).status).toBe(200);
  });

  it('a minted sub-account key is replayed under its Idempotency-Key but never written to --state', async () => {
    const headers = { 'idempotency-key': 'mint-1' };
    const first = await gw.call('POST', '/v1/sub-accounts', { body: { name: 'minted' }, headers });
    const { key } = (await first.json()) as { key: string };
    expect(key).toMatch(/^sk-aig-/);
    const again = await gw.call('POST', '/v1/sub-accounts', { body: { name: 'minted' }, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { key: string }).key).toBe(key);
    await gw.control.flush();
    const text = readFileSync(stateFile, 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(key).toString('base64').slice(0, 20));
    expect(text).not.toContain(gw.apiKey);
  });
});

describe('the idempotency cache is bounded (#12 item 5)', () => {
  const stored = (bytes: number) => ({
    status: 200,
    headers: [] as [string, string][],
    body: 'A'.repeat(bytes),
  });

  it(`keeps at most ${MAX_IDEMPOTENCY_ENTRIES} keys, forgetting the oldest`, () => {
    const store = new IdempotencyStore(() => undefined);
    for (let i = 0; i <= MAX_IDEMPOTENCY_ENTRIES; i++) {
      store.begin('root', `k${i}`, 'f', 1000);
      store.complete('root', `k${i}`, stored(10));
    }
    expect(store.usage.entries).toBe(MAX_IDEMPOTENCY_ENTRIES);
    expect(store.begin('root', 'k0', 'f', 1000)).toBeNull(); // forgotten: runs again
    expect(store.begin('root', `k${MAX_IDEMPOTENCY_ENTRIES}`, 'f', 1000)).not.toBeNull();
  });

  it('keeps at most 64 MiB of stored responses', () => {
    const store = new IdempotencyStore(() => undefined);
    for (let i = 0; i < 100; i++) {
      store.begin('root', `big${i}`, 'f', 1000);
      store.complete('root', `big${i}`, stored(1024 * 1024));
    }
    expect(store.usage.bytes).toBeLessThanOrEqual(MAX_IDEMPOTENCY_BYTES);
    expect(store.usage.entries).toBeLessThan(100);
  });

  it('forgets a key after 24 h', () => {
    const store = new IdempotencyStore(() => undefined);
    store.begin('root', 'old', 'f', 1000);
    store.complete('root', 'old', stored(10));
    expect(store.begin('root', 'old', 'f', 1000 + IDEMPOTENCY_TTL_SECONDS - 1)).not.toBeNull();
    store.begin('root', 'other', 'f', 1000 + IDEMPOTENCY_TTL_SECONDS);
    expect(store.usage.entries).toBe(1);
    expect(store.begin('root', 'old', 'g', 1000 + IDEMPOTENCY_TTL_SECONDS)).toBeNull();
  });
});
