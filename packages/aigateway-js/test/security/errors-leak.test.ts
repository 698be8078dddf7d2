// Issue #12 item 10: errors never lose their class or leak. A proxy that echoes the key (in a
// response header and, quoted, in the error message) over a real loopback socket; base URLs and
// file URLs with `user:password@`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AIgateway, AuthenticationError, ConfigurationError, InputValidationError } from '../../src/index.js';

const KEY = 'sk-aig-leak-test-0123456789abcdef';
const PASSWORD = 'hunter2-very-secret';

const renderings = (error: unknown): string[] => [
  (error as Error).message,
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 10, showHidden: true }),
];

describe('an echoing proxy (loopback)', () => {
  let srv: Server;
  let url: string;
  beforeAll(async () => {
    srv = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      res
        .writeHead(401, {
          'content-type': 'application/json',
          'x-echo-authorization': auth,
          'set-cookie': `session=${KEY}`,
          'x-request-id': 'req_0123456789abcdef01234567',
        })
        .end(
          JSON.stringify({
            error: {
              type: 'authentication_error',
              code: 'invalid_api_key',
              message: `Key "${auth}" is not valid.`,
            },
          }),
        );
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/v1`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  );

  it('keeps the error class and shows the key nowhere: message, String, JSON, util.inspect (headers included)', async () => {
    const client = new AIgateway({ apiKey: KEY, baseURL: url, maxRetries: 0, logLevel: 'off' });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).requestId).toBe('req_0123456789abcdef01234567');
    expect((error as Error).message).toContain('is not valid');
    for (const shown of renderings(error)) expect(shown).not.toContain(KEY.slice(7));
    expect((error as AuthenticationError).headers.get('x-echo-authorization')).toBe('Bearer [redacted]');
  });
});

describe('credentials in URLs', () => {
  it('a base URL with user:password@ is refused at construction, saying where the key goes', () => {
    for (const baseURL of [
      `https://user:${PASSWORD}@api.aigateway.sh/v1`,
      `https://${PASSWORD}@api.aigateway.sh/v1`,
    ]) {
      const error = (() => {
        try {
          new AIgateway({ apiKey: KEY, baseURL });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/user name or password.*`apiKey`/);
      for (const shown of renderings(error)) expect(shown).not.toContain(PASSWORD);
    }
  });

  it('the same from AIGATEWAY_BASE_URL', () => {
    vi.stubEnv('AIGATEWAY_BASE_URL', `https://user:${PASSWORD}@api.aigateway.sh/v1`);
    try {
      expect(() => new AIgateway({ apiKey: KEY })).toThrow(ConfigurationError);
      expect(() => new AIgateway({ apiKey: KEY })).not.toThrow(PASSWORD);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('files.download of a URL with user:password@ is refused before sending, without the password', async () => {
    const client = new AIgateway({
      apiKey: KEY,
      maxRetries: 0,
      logLevel: 'off',
      fetch: () => Promise.reject(new Error('sent')),
    });
    const error = await client.files
      .download(`https://user:${PASSWORD}@cdn.example/video.mp4`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    for (const shown of renderings(error)) expect(shown).not.toContain(PASSWORD);
  });
});
