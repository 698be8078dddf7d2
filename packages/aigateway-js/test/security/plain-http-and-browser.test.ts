// Issue #12 item 13: a key about to travel over plain HTTP to another machine is warned about once,
// at the default log level; a browser page cannot construct a client with a key unless it opts in.
import { afterEach, describe, expect, it } from 'vitest';
import { AIgateway, ConfigurationError } from '../../src/index.js';
import { signWebhook, verifyWebhookAsync } from '../../src/webhooks/index.js';
import { memoryLogger } from '../helpers/emulator.js';
import { completedJob, SECRET } from '../webhooks/fixtures.js';

const KEY = 'sk-aig-http-test-0123456789abcdef';

describe('plain HTTP', () => {
  it('warns once per origin, at the default level, when the base URL is http:// to another machine', () => {
    const { lines, logger } = memoryLogger();
    new AIgateway({ apiKey: KEY, baseURL: 'http://gateway.internal.example/v1', logger });
    new AIgateway({ apiKey: KEY, baseURL: 'http://gateway.internal.example/v1', logger });
    const warnings = lines.filter((l) => l.includes('plain http'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/unencrypted to gateway\.internal\.example.*https:\/\//);
    expect(warnings[0]).not.toContain(KEY);
  });

  it('stays quiet for https and for loopback (a local emulator)', () => {
    const { lines, logger } = memoryLogger();
    for (const baseURL of [
      'https://gateway.example/v1',
      'http://127.0.0.1:4010/v1',
      'http://localhost:4010/v1',
      'http://[::1]:4010/v1',
      'http://emulator.localhost/v1',
    ])
      new AIgateway({ apiKey: KEY, baseURL, logger });
    expect(lines.filter((l) => l.includes('plain http'))).toEqual([]);
  });
});

describe('in a browser', () => {
  const g = globalThis as { window?: unknown; navigator?: unknown };
  const saved = { window: g.window, navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
  const pretendBrowser = () => {
    g.window = { document: {} };
    Object.defineProperty(globalThis, 'navigator', {
      value: { userAgent: 'Mozilla/5.0' },
      configurable: true,
    });
  };
  afterEach(() => {
    g.window = saved.window;
    if (saved.navigator) Object.defineProperty(globalThis, 'navigator', saved.navigator);
    else Reflect.deleteProperty(globalThis, 'navigator');
  });

  it('refuses a client unless dangerouslyAllowBrowser is set, saying why and how', () => {
    pretendBrowser();
    expect(() => new AIgateway({ apiKey: KEY, baseURL: 'https://gateway.example/v1' })).toThrow(
      ConfigurationError,
    );
    expect(() => new AIgateway({ apiKey: KEY })).toThrow(/dangerouslyAllowBrowser: true/);
    expect(new AIgateway({ apiKey: KEY, dangerouslyAllowBrowser: true }).baseURL).toBe(
      'https://api.aigateway.sh/v1',
    );
  });

  it('leaves aigateway-js/webhooks alone (no client, no key)', async () => {
    const { body, headers } = signWebhook(completedJob(), SECRET);
    pretendBrowser();
    expect((await verifyWebhookAsync(body, headers, SECRET)).type).toBe('job.completed');
  });

  it('does not mistake Node, Workers or Deno (no window.document) for a browser', () => {
    expect(new AIgateway({ apiKey: KEY }).baseURL).toBe('https://api.aigateway.sh/v1');
  });
});
