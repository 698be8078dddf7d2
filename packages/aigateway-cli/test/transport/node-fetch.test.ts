import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { AIgateway } from 'aigateway-js';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeFetch } from '../../src/transport/node-fetch.js';

const KEY = 'sk-aig-nodefetch0123456789';
let gw: RunningEmulator;
let plain: Server;
let plainURL: string;
const fetchOverHttp = createNodeFetch({});
const auth = { authorization: `Bearer ${KEY}` };

beforeAll(async () => {
  gw = await startEmulator({ apiKey: KEY, streamChunkDelayMs: 0 });
  // Transport cases the gateway does not produce on its own: a gzip body, a redirect, repeated headers.
  plain = createServer((req, res) => {
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ compressed: true })));
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/target' }).end();
    } else if (req.url === '/target') {
      res.end('arrived');
    } else if (req.url === '/cookies') {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('x-b', '2');
      res.setHeader('x-a', '1');
      res.end('ok');
    } else if (req.url === '/slow') {
      res.writeHead(200);
      res.write('first ');
    } else {
      req.pipe(res);
    }
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainURL = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});

afterAll(async () => {
  plain.closeAllConnections();
  await new Promise((resolve) => plain.close(resolve));
  await gw.close();
});

afterEach(() => vi.restoreAllMocks());

describe('createNodeFetch: what the SDK needs from fetch, over node:http', () => {
  it('GET: status, case-insensitive headers, json()', async () => {
    const res = await fetchOverHttp(`${gw.url}/models`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = (await res.json()) as { data: { id: string }[] };
    expect(body.data.length).toBeGreaterThan(10);
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it('POST a string body; an error status is a response, not a rejection', async () => {
    const res = await fetchOverHttp(`${gw.url}/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'no/such-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(404);
    expect(res.ok).toBe(false);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
  });

  it('bytes, Blob and URLSearchParams bodies arrive as sent', async () => {
    const bytes = await fetchOverHttp(`${plainURL}/echo`, {
      method: 'POST',
      body: new Uint8Array([104, 105]),
    });
    expect(await bytes.text()).toBe('hi');
    const blob = await fetchOverHttp(`${plainURL}/echo`, { method: 'POST', body: new Blob(['blob!']) });
    expect(await blob.text()).toBe('blob!');
    const form = await fetchOverHttp(`${plainURL}/echo`, {
      method: 'POST',
      body: new URLSearchParams({ a: 'b c' }),
    });
    expect(await form.text()).toBe('a=b+c');
  });

  it('the SDK streams a chat completion through it, chunk by chunk', async () => {
    const client = new AIgateway({ apiKey: KEY, baseURL: gw.url, fetch: fetchOverHttp });
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain('stream please');
  });

  it('a refused connection rejects like fetch: TypeError("fetch failed") with the socket error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchOverHttp(`http://127.0.0.1:${port}/v1/models`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('aborting rejects with the signal’s reason, before the response and while reading the body', async () => {
    const early = new AbortController();
    early.abort(new Error('stopped early'));
    await expect(fetchOverHttp(`${gw.url}/models`, { signal: early.signal })).rejects.toThrow(
      'stopped early',
    );

    const late = new AbortController();
    const res = await fetchOverHttp(`${plainURL}/slow`, { signal: late.signal });
    const reader = res.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe('first ');
    late.abort(new Error('stopped mid-body'));
    await expect(reader?.read()).rejects.toThrow('stopped mid-body');
  });

  it('text() without .body reads the node stream: an abort mid-body rejects it with the reason', async () => {
    const late = new AbortController();
    const res = await fetchOverHttp(`${plainURL}/slow`, { signal: late.signal });
    const text = res.text();
    setTimeout(() => late.abort(new Error('stopped while reading')), 50);
    await expect(text).rejects.toThrow('stopped while reading');
    expect(res.bodyUsed).toBe(true);
    const whole = await fetchOverHttp(`${plainURL}/echo`, { method: 'POST', body: 'x'.repeat(100_000) });
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(bytes.byteLength).toBe(100_000);
  });

  it('decodes a gzip body a server sent unasked', async () => {
    const res = await fetchOverHttp(`${plainURL}/gzip`);
    expect(await res.json()).toEqual({ compressed: true });
  });

  it('headers iterate sorted and lower-cased, each Set-Cookie apart', async () => {
    const res = await fetchOverHttp(`${plainURL}/cookies`);
    const names = [...res.headers.keys()];
    expect(names.filter((n) => n.startsWith('x-'))).toEqual(['x-a', 'x-b']);
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect([...res.headers].filter(([n]) => n === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    const copy = res.clone();
    expect(await copy.text()).toBe('ok');
    expect(await res.text()).toBe('ok');
  });

  it('hands a redirect or a FormData body to the global fetch', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    const moved = await fetchOverHttp(`${plainURL}/moved`);
    expect(await moved.text()).toBe('arrived');
    expect(global).toHaveBeenCalledTimes(1);

    const form = new FormData();
    form.set('field', 'value');
    const posted = await fetchOverHttp(`${plainURL}/echo`, { method: 'POST', body: form });
    expect(await posted.text()).toContain('name="field"');
    expect(global).toHaveBeenCalledTimes(2);
  });
});

describe('createNodeFetch with a proxy variable set', () => {
  let proxy: Server;
  let proxyURL: string;
  const seen: string[] = [];
  beforeAll(async () => {
    // A forward proxy: relays absolute-form requests (GET http://host/path) and records their request lines.
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '/');
      const upstream = request(target, { method: req.method, headers: req.headers }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('sends everything through the proxy, never the global fetch (which would go around it)', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    const proxied = createNodeFetch({ HTTP_PROXY: proxyURL });
    seen.length = 0;
    const models = await proxied(`${gw.url}/models`, { headers: auth });
    expect(models.status).toBe(200);
    // A redirect is followed through the proxy too; a cross-origin one would drop the authorization.
    const moved = await proxied(`${plainURL}/moved`, { headers: auth });
    expect(await moved.text()).toBe('arrived');
    const form = new FormData();
    form.set('field', 'value');
    const posted = await proxied(`${plainURL}/echo`, { method: 'POST', body: form });
    expect(await posted.text()).toContain('name="field"');
    const fromRequest = await proxied(
      new Request(`${plainURL}/echo`, { method: 'POST', body: 'as a Request' }),
    );
    expect(await fromRequest.text()).toBe('as a Request');
    expect(seen).toEqual([
      `GET ${gw.url}/models`,
      `GET ${plainURL}/moved`,
      `GET ${plainURL}/target`,
      `POST ${plainURL}/echo`,
      `POST ${plainURL}/echo`,
    ]);
    expect(global).not.toHaveBeenCalled();
  });

  it('NO_PROXY hosts are fetched directly', async () => {
    const proxied = createNodeFetch({ HTTP_PROXY: proxyURL, NO_PROXY: '127.0.0.1' });
    seen.length = 0;
    expect((await proxied(`${gw.url}/models`, { headers: auth })).status).toBe(200);
    expect(seen).toEqual([]);
  });

  it('a proxy that is not http(s) fails like an unreachable host, naming the scheme', async () => {
    const proxied = createNodeFetch({ HTTP_PROXY: 'socks5://127.0.0.1:1080' });
    const error = await proxied(`${gw.url}/models`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as TypeError).cause)).toContain("the proxy's scheme socks5:// is not supported");
  });
});
