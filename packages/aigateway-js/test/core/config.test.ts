import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BASE_URL, resolveConfig } from '../../src/core/config.js';
import { ConfigurationError } from '../../src/core/errors.js';

const KEY = 'sk-aig-config-test-1234567890';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveConfig', () => {
  it('reads the key, base URL and log level from the environment when not passed', () => {
    vi.stubEnv('AIGATEWAY_API_KEY', KEY);
    vi.stubEnv('AIGATEWAY_BASE_URL', 'http://127.0.0.1:9999/v1/');
    const config = resolveConfig({});
    expect(config.options.apiKey).toBe(KEY);
    expect(config.baseURL).toBe('http://127.0.0.1:9999/v1');
    expect(config.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('defaults to the public base URL, 2 retries, 10 min timeout and a 35 s stream idle timeout', () => {
    vi.stubEnv('AIGATEWAY_BASE_URL', '');
    const config = resolveConfig({ apiKey: KEY });
    expect(config.baseURL).toBe(DEFAULT_BASE_URL);
    expect(config.maxRetries).toBe(2);
    expect(config.timeout).toBe(600_000);
    expect(config.streamIdleTimeout).toBe(35_000);
  });

  it('prefers options over the environment', () => {
    vi.stubEnv('AIGATEWAY_API_KEY', 'sk-aig-from-env-0000');
    const config = resolveConfig({ apiKey: KEY, baseURL: 'https://example.test/v1' });
    expect(config.options.apiKey).toBe(KEY);
    expect(config.baseURL).toBe('https://example.test/v1');
  });

  it('builds the tag, BYOK and default headers once', () => {
    const config = resolveConfig({
      apiKey: KEY,
      tag: 'summarize',
      byok: { OpenAI: 'sk-openai-byok-abcdef', anthropic: undefined },
      defaultHeaders: { 'X-Custom': 'yes' },
    });
    expect(config.headers).toMatchObject({
      'x-aig-tag': 'summarize',
      'x-byok-openai': 'sk-openai-byok-abcdef',
      'x-custom': 'yes',
    });
    expect(config.headers).not.toHaveProperty('x-byok-anthropic');
    expect(config.secrets).toEqual([KEY, 'sk-openai-byok-abcdef']);
  });

  it('fails fast without a key, saying how to pass one and where to get one', () => {
    vi.stubEnv('AIGATEWAY_API_KEY', '');
    expect(() => resolveConfig({})).toThrow(ConfigurationError);
    expect(() => resolveConfig({})).toThrow(/pass `apiKey`.*AIGATEWAY_API_KEY.*dashboard/);
  });

  it.each([
    'https://api.aigateway.sh/v1/chat/completions',
    'https://api.aigateway.sh/v1/chat',
    'https://api.aigateway.sh/v1/chat/',
  ])('refuses a base URL pointing at an endpoint (%s): it must end in /v1', (baseURL) => {
    expect(() => resolveConfig({ apiKey: KEY, baseURL })).toThrow(/must end in \/v1/);
  });

  it.each(['api.aigateway.sh/v1', 'not a url', 'ftp://api.aigateway.sh/v1'])(
    'refuses a non-URL base URL (%s)',
    (baseURL) => {
      expect(() => resolveConfig({ apiKey: KEY, baseURL })).toThrow(ConfigurationError);
    },
  );

  it('warns (once, redacted) about a base URL that does not end in /v1', () => {
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    resolveConfig({ apiKey: KEY, baseURL: 'https://proxy.example/aigw', logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(String(logger.warn.mock.calls[0]?.[0])).toMatch(/does not end in \/v1/);
  });

  it('rejects a key with a newline without echoing the key', () => {
    const key = 'sk-aig-secret-with-newline\n';
    let error: unknown;
    try {
      resolveConfig({ apiKey: key });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toMatch(/stray newline/);
    expect(String(error)).not.toContain('sk-aig-secret');
  });

  it.each([
    [{ tag: 'has space' }, /`tag` must be 1–64 characters/],
    [{ tag: 'x'.repeat(65) }, /`tag`/],
    [{ byok: { 'open ai': 'k' } }, /provider "open ai"/],
    [{ maxRetries: -1 }, /`maxRetries` must be a non-negative integer/],
    [{ maxRetries: 1.5 }, /`maxRetries`/],
    [{ timeout: 0 }, /`timeout` must be a positive number/],
    [{ streamIdleTimeout: Number.NaN }, /`streamIdleTimeout`/],
  ])('rejects invalid option %o', (options, message) => {
    expect(() => resolveConfig({ apiKey: KEY, ...options })).toThrow(message);
  });

  it('rejects an unknown logLevel option and ignores an unknown AIGATEWAY_LOG with a warning', () => {
    // @ts-expect-error an invalid level must not compile
    expect(() => resolveConfig({ apiKey: KEY, logLevel: 'verbose' })).toThrow(/`logLevel` must be one of/);
    vi.stubEnv('AIGATEWAY_LOG', 'loud');
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const config = resolveConfig({ apiKey: KEY, logger });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/AIGATEWAY_LOG="loud"/));
    expect(config.log.enabled('info')).toBe(false);
    expect(config.log.enabled('warn')).toBe(true);
  });

  it('takes the log level from AIGATEWAY_LOG', () => {
    vi.stubEnv('AIGATEWAY_LOG', 'DEBUG');
    expect(resolveConfig({ apiKey: KEY }).log.enabled('debug')).toBe(true);
    vi.stubEnv('AIGATEWAY_LOG', 'off');
    expect(resolveConfig({ apiKey: KEY }).log.enabled('error')).toBe(false);
  });

  it('works where `process` does not exist (edge runtimes)', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process');
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
    try {
      expect(() => resolveConfig({})).toThrow(/Missing API key/);
      expect(resolveConfig({ apiKey: KEY }).baseURL).toBe(DEFAULT_BASE_URL);
    } finally {
      Object.defineProperty(globalThis, 'process', descriptor as PropertyDescriptor);
    }
  });
});
