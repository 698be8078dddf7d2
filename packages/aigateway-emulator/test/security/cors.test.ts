import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

/** OPTIONS and CORS for allow-listed origins (#13), so a browser app on localhost can use the emulator. */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const preflight = (path: string, origin: string, method = 'POST', headers = 'authorization, content-type') =>
  fetch(`${gw.origin}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS', () => {
  it('answers a preflight from a page on localhost: its origin, the methods and the gateway headers', async () => {
    const asked =
      'authorization, content-type, x-aig-tag, x-aig-fault, x-byok-openai, idempotency-key, mcp-session-id, mcp-protocol-version';
    for (const path of ['/v1/chat/completions', '/mcp', '/_emulator/faults']) {
      const res = await preflight(path, 'http://localhost:3000', 'POST', asked);
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
      expect(res.headers.get('access-control-allow-headers')!.split(', ').sort()).toEqual(
        asked.split(', ').sort(),
      );
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('a request from an allowed page carries Allow-Origin and exposes X-Request-Id', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      headers: { origin: 'http://127.0.0.1:5173' },
      body: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(res.headers.get('vary')).toContain('Origin');
    const failed = await gw.call('GET', '/v1/models', {
      key: null,
      headers: { origin: 'http://localhost:3000' },
    });
    expect(failed.status).toBe(401);
    expect(failed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('a disallowed origin gets no CORS headers: its preflight is a 403', async () => {
    const res = await preflight('/v1/chat/completions', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requests without Origin (SDKs, curl) get no CORS headers', async () => {
    const res = await gw.call('GET', '/v1/models');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
