import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiReport } from '../../src/commands/whoami.js';
import { type Gateway, json, postJson, startGateway, TEST_KEY } from '../helpers/gateway.js';

let g: Gateway;
let subKey: string;
let subPrefix: string;

beforeAll(async () => {
  g = await startGateway();
  const sub = await postJson<{ key: string; key_prefix: string }>(g, '/sub-accounts', { name: 'whoami-sub' });
  subKey = sub.key;
  subPrefix = sub.key_prefix;
  // Some spend on the account, so the report's month is not all zeros.
  await postJson(g, '/chat/completions', {
    model: 'openai/gpt-5.4',
    messages: [{ role: 'user', content: 'hi' }],
  });
});

afterAll(async () => {
  // Whatever was printed, no full key.
  expect(g.transcript()).not.toContain(TEST_KEY);
  expect(g.transcript()).not.toContain(subKey);
  await g.close();
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('aig whoami / aig status', () => {
  it('key masked and where it came from, base URL and where it came from, reachable, whose', async () => {
    const r = await g.bin(['whoami']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      new RegExp(`Key\\s+sk-aig-…${TEST_KEY.slice(-4)} \\(AIGATEWAY_API_KEY\\), an account key`),
    );
    expect(r.stdout).toContain(`Base URL    ${g.gw.url} (AIGATEWAY_BASE_URL)`);
    expect(r.stdout).toMatch(/Gateway\s+reachable, key accepted in \d+ ms/);
    expect(r.stdout).toMatch(/Belongs to\s+the account \(top-level key/);
    expect(r.stdout).toMatch(/This month\s+\$[\d.]+ over 1 request \(\d{4}-\d\d; aig usage for details\)/);
  });

  it('status --json: the same report as one document, exit 0', async () => {
    const r = await g.bin(['status', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = json<WhoamiReport>(r);
    expect(report).toEqual({
      key: { masked: `sk-aig-…${TEST_KEY.slice(-4)}`, origin: 'AIGATEWAY_API_KEY', kind: 'account' },
      base_url: { url: g.gw.url, origin: 'AIGATEWAY_BASE_URL' },
      reachable: true,
      key_accepted: true,
      account: {
        scope: 'account',
        key_prefix: null,
        month: expect.stringMatching(/^\d{4}-\d\d$/),
        spend_cents: expect.any(Number),
        requests: expect.any(Number),
      },
      latency_ms: expect.any(Number),
      request_id: expect.stringMatching(/^req_/),
      error: null,
    });
    expect(report.account?.requests).toBeGreaterThan(0);
  });

  it('a sub-account key (from --key): which sub-account, by the key prefix the API lists it by', async () => {
    const r = await g.bin(['--key', subKey, 'whoami', '--json']);
    expect(r.code).toBe(0);
    const report = json<WhoamiReport>(r);
    expect(report.key).toEqual({
      masked: `${subPrefix}…${subKey.slice(-4)}`,
      origin: '--key',
      kind: 'sub_account',
    });
    expect(report.account).toMatchObject({ scope: 'sub_account', key_prefix: subPrefix, requests: 0 });
    const text = await g.bin(['--key', subKey, 'status']);
    expect(text.stdout).toContain(
      `a sub-account (key prefix ${subPrefix}, as aig sub-account list shows it)`,
    );
  });

  it('key and base URL from .env are named as such', async () => {
    const cwd = join(g.cwd, 'dotenv-project');
    await mkdir(cwd, { recursive: true });
    await writeFile(join(cwd, '.env'), `AIGATEWAY_API_KEY=${TEST_KEY}\nAIGATEWAY_BASE_URL=${g.gw.url}\n`);
    const r = await g.bin(['whoami', '--json'], {
      cwd,
      env: { AIGATEWAY_API_KEY: undefined, AIGATEWAY_BASE_URL: undefined },
    });
    expect(r.code).toBe(0);
    const report = json<WhoamiReport>(r);
    // The file is named by its path: it may be in a folder above (up to the project root).
    expect(report.key?.origin).toMatch(/^AIGATEWAY_API_KEY in \/\S+\/dotenv-project\/\.env$/);
    expect(report.base_url.origin).toMatch(/^AIGATEWAY_BASE_URL in \/\S+\/dotenv-project\/\.env$/);
  });

  it('a key the gateway rejects: the report (reachable, key rejected), exit 3 and the error line', async () => {
    const rejected = 'sk-aig-notAKeyOfThisGateway0000';
    const r = await g.bin(['--key', rejected, 'whoami', '--json']);
    expect(r.code).toBe(3);
    const report = json<WhoamiReport>(r);
    expect(report).toMatchObject({ reachable: true, key_accepted: false, account: null });
    expect(report.error).toMatchObject({ code: 'invalid_api_key', exit_code: 3 });
    expect(JSON.parse(r.stderr)).toMatchObject({
      error: { code: 'invalid_api_key', exit_code: 3, status: 401 },
    });
    expect(r.stdout + r.stderr).not.toContain(rejected);
    const text = await g.bin(['--key', rejected, 'whoami']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/Gateway\s+reachable in \d+ ms, key rejected/);
    expect(text.stderr).toMatch(/^error: /);
  });

  it('a gateway that cannot be reached: reachable false, exit 7', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const r = await g.bin(['--base-url', url, 'whoami', '--json']);
    expect(r.code).toBe(7);
    expect(json<WhoamiReport>(r)).toMatchObject({
      base_url: { url, origin: '--base-url' },
      reachable: false,
      key_accepted: null,
      error: { code: 'connection_error', exit_code: 7 },
    });
    const text = await g.bin(['--base-url', url, 'whoami']);
    expect(text.stdout).toMatch(/Gateway\s+not reachable: /);
  });

  it('no key: nothing to check, exit 3 with how to set one', async () => {
    const r = await g.bin(['whoami'], { env: { AIGATEWAY_API_KEY: undefined } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/Key\s+none: set AIGATEWAY_API_KEY, pass --key-file PATH, or run aig init/);
    expect(r.stdout).toMatch(/Gateway\s+not checked \(no usable key\)/);
    const doc = await g.bin(['whoami', '--json'], { env: { AIGATEWAY_API_KEY: undefined } });
    expect(json<WhoamiReport>(doc)).toMatchObject({
      key: null,
      reachable: null,
      error: { code: 'missing_api_key' },
    });
  });
});
