// Client and request options shared with openai-node: identification (User-Agent, appInfo, the
// retry count header), fetchOptions and a proxy dispatcher, defaultQuery, an apiKey function and
// headers in every shape fetch accepts. Every request goes to the emulator over loopback.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { EnvHttpProxyAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, ConfigurationError, VERSION } from '../../src/index.js';
import { type Harness, startHarness } from '../helpers/emulator.js';

/** A fetch that records what each request sent (URL, headers, init), then sends it for real. */
function recorder() {
  const sent: { url: string; headers: Headers; init: RequestInit | undefined }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push({ url: String(input), headers: new Headers(init?.headers), init });
    return globalThis.fetch(input, init);
  };
  return { fetch, sent };
}

/** A forward proxy on loopback (CONNECT tunnels and absolute-form requests), recording each target. */
async function startProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('client options over loopback', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());
  afterEach(() => gw.control.clearFaults());

  it('identifies itself: User-Agent aigateway-js/<version> node/<version>, then appInfo', async () => {
    const plain = recorder();
    await gw.client({ fetch: plain.fetch }).models.list();
    expect(plain.sent[0]?.headers.get('user-agent')).toBe(
      `aigateway-js/${VERSION} node/${process.versions.node}`,
    );
    const framework = recorder();
    const client = gw.client({
      fetch: framework.fetch,
      appInfo: { name: 'acme-agents', version: '1.2.3', url: 'https://acme.example' },
    });
    await client.models.list();
    expect(framework.sent[0]?.headers.get('user-agent')).toBe(
      `aigateway-js/${VERSION} node/${process.versions.node} acme-agents/1.2.3 (https://acme.example)`,
    );
    expect(() => gw.client({ appInfo: { name: 'has spaces' } })).toThrow(ConfigurationError);
    expect(() => gw.client({ appInfo: { name: 'ok', version: '1.0\n' } })).toThrow(/appInfo.version/);
  });

  it('sends the retry count on retries only', async () => {
    gw.control.addFault({ path: '/v1/models', fault: 'status=429,retry-after=0', count: 2 });
    const { fetch, sent } = recorder();
    await gw.client({ fetch, maxRetries: 2 }).models.list();
    expect(sent.map((s) => s.headers.get('x-aig-retry-count'))).toEqual([null, '1', '2']);
  });

  it('fetchOptions reach fetch, from the client and per request (the request’s win)', async () => {
    const { fetch, sent } = recorder();
    const client = gw.client({ fetch, fetchOptions: { keepalive: false, cache: 'no-store' } });
    await client.models.list();
    await client.models.list({ fetchOptions: { cache: 'default' } });
    expect(sent[0]?.init).toMatchObject({ keepalive: false, cache: 'no-store', method: 'GET' });
    expect(sent[1]?.init).toMatchObject({ keepalive: false, cache: 'default' });
    expect(sent[1]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('a proxy dispatcher (undici EnvHttpProxyAgent) carries every request; NO_PROXY bypasses it', async () => {
    const proxy = await startProxy();
    try {
      const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxy.url, noProxy: '' });
      const viaProxy = gw.client({ fetchOptions: { dispatcher } });
      await viaProxy.models.list();
      await viaProxy.chat.completions.create({
        model: 'openai/gpt-5.4',
        messages: [{ role: 'user', content: 'hi' }],
      });
      const host = new URL(gw.baseURL).host;
      expect(proxy.seen).toContain(`CONNECT ${host}`);
      const direct = new EnvHttpProxyAgent({ httpProxy: proxy.url, noProxy: '127.0.0.1' });
      const before = proxy.seen.length;
      await gw.client({ fetchOptions: { dispatcher: direct } }).models.list();
      expect(proxy.seen.length).toBe(before);
      await dispatcher.close();
      await direct.close();
    } finally {
      await proxy.close();
    }
  });

  it('defaultQuery is added to every request of the API; a call’s own parameters win', async () => {
    const { fetch, sent } = recorder();
    const client = gw.client({ fetch, defaultQuery: { region: 'eu', limit: 5 } });
    await client.models.list();
    await client.subAccounts.list({ limit: 2 });
    expect(new URL(sent[0]?.url ?? '').search).toBe('?region=eu&limit=5');
    expect(new URL(sent[1]?.url ?? '').searchParams.get('limit')).toBe('2');
    expect(new URL(sent[1]?.url ?? '').searchParams.get('region')).toBe('eu');
    const other = client.withOptions({ defaultQuery: { region: 'us' } });
    await other.models.list();
    expect(new URL(sent[2]?.url ?? '').search).toBe('?region=us&limit=5');
  });

  it('apiKey may be a function, called before every request (key rotation)', async () => {
    const root = gw.client();
    const [a, b] = await Promise.all([
      root.subAccounts.create({ name: 'rotation-a' }),
      root.subAccounts.create({ name: 'rotation-b' }),
    ]);
    const keys = [a.key, b.key, a.key];
    let calls = 0;
    const { fetch, sent } = recorder();
    const client = new AIgateway({
      baseURL: gw.baseURL,
      fetch,
      logLevel: 'off',
      apiKey: async () => keys[calls++] ?? '',
    });
    expect(client.apiKey).toBe('');
    for (let i = 0; i < 3; i++) await client.models.list();
    expect(sent.map((s) => s.headers.get('authorization'))).toEqual(keys.map((k) => `Bearer ${k}`));
    expect(client.apiKey).toBe(a.key);
    const records = gw.control.requests().slice(-3);
    expect(records.map((r) => r.sub_account_id)).toEqual([a.id, b.id, a.id]);
    // A per-request key still wins, without calling the function.
    await client.models.list({ apiKey: gw.apiKey });
    expect(calls).toBe(3);
    const before = gw.control.requests().length;
    const bad = new AIgateway({ baseURL: gw.baseURL, apiKey: () => 'sk-aig-key-from-a-file\n' });
    await expect(bad.models.list()).rejects.toThrow(/`apiKey` function must return/);
    await expect(
      new AIgateway({
        baseURL: gw.baseURL,
        apiKey: () => Promise.reject(new Error('vault down')),
      }).models.list(),
    ).rejects.toThrow(ConfigurationError);
    expect(gw.control.requests().length).toBe(before);
  });

  it('headers accept a Headers, [name, value] tuples or a record (null removes)', async () => {
    const { fetch, sent } = recorder();
    const client = gw.client({
      fetch,
      defaultHeaders: new Headers({ 'X-Team': 'search', 'x-aig-tag': 'from-headers' }),
    });
    await client.models.list({ headers: [['X-Trace-Id', 't-1']] });
    await client.models.list({ headers: new Headers({ 'x-trace-id': 't-2' }) });
    await client.models.list({ headers: { 'X-Team': null, 'x-trace-id': 't-3' } });
    expect(sent.map((s) => s.headers.get('x-trace-id'))).toEqual(['t-1', 't-2', 't-3']);
    expect(sent.map((s) => s.headers.get('x-team'))).toEqual(['search', 'search', null]);
    expect(sent[0]?.headers.get('x-aig-tag')).toBe('from-headers');
    const noAgent = gw.client({ fetch, defaultHeaders: [['user-agent', 'mine/1.0']] });
    await noAgent.models.list();
    expect(sent.at(-1)?.headers.get('user-agent')).toBe('mine/1.0');
  });
});
