import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BASE_URL,
  normaliseBaseURL,
  requireApiKey,
  resolveSettings,
} from '../../src/core/credentials.js';
import { CliError } from '../../src/errors.js';

const FLAG = 'sk-aig-flagflagflag';
const ENV = 'sk-aig-envenvenvenv';
const DOT = 'sk-aig-dotdotdotdot';

describe('resolveSettings', () => {
  let dir: string;
  let empty: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aig-cred-'));
    empty = await mkdtemp(join(tmpdir(), 'aig-cred-empty-'));
    await writeFile(
      join(dir, '.env'),
      `AIGATEWAY_API_KEY=${DOT}\nAIGATEWAY_BASE_URL=http://127.0.0.1:9999\n`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it('prefers --key, then AIGATEWAY_API_KEY, then .env', async () => {
    const env = { AIGATEWAY_API_KEY: ENV };
    const a = await resolveSettings({ flagKey: FLAG, flagBaseURL: undefined, env, cwd: dir });
    expect([a.apiKey, a.keySource, a.keyOrigin]).toEqual([FLAG, 'flag', '--key']);
    const b = await resolveSettings({ flagKey: undefined, flagBaseURL: undefined, env, cwd: dir });
    expect([b.apiKey, b.keySource]).toEqual([ENV, 'env']);
    const c = await resolveSettings({ flagKey: undefined, flagBaseURL: undefined, env: {}, cwd: dir });
    expect([c.apiKey, c.keySource, c.keyOrigin]).toEqual([
      DOT,
      'dotenv',
      `AIGATEWAY_API_KEY in ${join(dir, '.env')}`,
    ]);
  });

  it('resolves the base URL the same way and defaults to the hosted API', async () => {
    const fromDot = await resolveSettings({ flagKey: FLAG, flagBaseURL: undefined, env: {}, cwd: dir });
    expect([fromDot.baseURL, fromDot.baseURLSource]).toEqual(['http://127.0.0.1:9999/v1', 'dotenv']);
    const fromEnv = await resolveSettings({
      flagKey: FLAG,
      flagBaseURL: undefined,
      env: { AIGATEWAY_BASE_URL: 'http://localhost:1/v1/' },
      cwd: dir,
    });
    expect(fromEnv.baseURL).toBe('http://localhost:1/v1');
    const fromFlag = await resolveSettings({
      flagKey: FLAG,
      flagBaseURL: 'https://gw.example/v1',
      env: {},
      cwd: dir,
    });
    expect(fromFlag.baseURLSource).toBe('flag');
    const none = await resolveSettings({ flagKey: undefined, flagBaseURL: undefined, env: {}, cwd: empty });
    expect([none.apiKey, none.baseURL, none.baseURLSource]).toEqual([undefined, DEFAULT_BASE_URL, 'default']);
  });
});

describe('requireApiKey', () => {
  const settings = (apiKey: string | undefined, keyOrigin = '--key') =>
    ({
      apiKey,
      keyOrigin,
      keySource: 'flag',
      baseURL: DEFAULT_BASE_URL,
      baseURLSource: 'default',
      baseURLOrigin: '',
      dotenvPath: undefined,
      warnings: [],
    }) as const;

  it('returns a well-formed key', () => {
    expect(requireApiKey(settings(FLAG))).toBe(FLAG);
  });

  it.each([
    [undefined, 'missing_api_key', /No API key/],
    ['', 'malformed_api_key', /is empty/],
    ['sk-live-abcdefgh', 'malformed_api_key', /does not start with sk-aig-/],
    ['sk-aig-abc def', 'malformed_api_key', /whitespace/],
  ])('rejects %j with exit 3 and never echoes it', (key, code, message) => {
    let error: unknown;
    try {
      requireApiKey(settings(key));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(3);
    expect((error as CliError).code).toBe(code);
    expect((error as CliError).message).toMatch(message);
    if (key) expect((error as CliError).message).not.toContain(key);
  });
});

describe('normaliseBaseURL', () => {
  it('adds /v1 to a bare origin and trims trailing slashes', () => {
    expect(normaliseBaseURL('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/v1');
    expect(normaliseBaseURL('https://api.aigateway.sh/v1/')).toBe('https://api.aigateway.sh/v1');
  });
  it('rejects non-URLs and other protocols as usage errors', () => {
    expect(() => normaliseBaseURL('not a url')).toThrow(/--base-url is not a URL/);
    expect(() => normaliseBaseURL('ftp://x.example')).toThrow(/must use http or https/);
  });
});
