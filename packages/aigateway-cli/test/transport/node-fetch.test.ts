import { createServer, type Server } from 'node:http';
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

  it('hands a redirect, a FormData body or a proxy setting to the global fetch', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    const moved = await fetchOverHttp(`${plainURL}/moved`);
    expect(await moved.text()).toBe('arrived');
    expect(global).toHaveBeenCalledTimes(1);

    const form = new FormData();
    form.set('field', 'value');
    const posted = await fetchOverHttp(`${plainURL}/echo`, { method: 'POST', body: form });
    expect(await posted.text()).toContain('name="field"');
    expect(global).toHaveBeenCalledTimes(2);

    const proxied = createNodeFetch({ HTTPS_PROXY: 'http://proxy.invalid:3128' });
    // Node 20's own fetch ignores the variable; whoever configures a proxy does it for the global fetch.
    expect((await proxied(`${gw.url}/models`, { headers: auth })).status).toBe(200);
    expect(global).toHaveBeenCalledTimes(3);
  });
});
