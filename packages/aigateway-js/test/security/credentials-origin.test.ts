// Issue #12 item 8: the client's credentials never leave the gateway's origin. Two real loopback
// servers: the "gateway" (the client's base URL; here a scripted one, since redirects are not part
// of the contract the emulator implements) and another origin that records what reaches it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, APIError } from '../../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Answer = (seen: Seen) => { status: number; headers?: Record<string, string>; body?: string };

async function server(): Promise<{
  url: string;
  seen: Seen[];
  answer: (a: Answer) => void;
  close: () => Promise<void>;
}> {
  const seen: Seen[] = [];
  let answer: Answer = () => ({ status: 200, body: 'file bytes' });
  const srv: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const out = answer(entry);
      res.writeHead(out.status, out.headers).end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  // `localhost` for this one, 127.0.0.1 for the other: two origins.
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    seen,
    answer: (a) => {
      answer = a;
    },
    close: () =>
      new Promise((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}

const KEY = 'sk-aig-origin-test-0123456789abcdef';
const BYOK = 'sk-openai-byok-0123456789abcdef';
const CREDENTIAL_HEADERS = ['authorization', 'x-byok-openai', 'x-aig-tag', 'x-team', 'idempotency-key'];

describe('credentials stay with the gateway (loopback)', () => {
  let gateway: Awaited<ReturnType<typeof server>>;
  let other: Awaited<ReturnType<typeof server>>;
  let client: AIgateway;
  beforeAll(async () => {
    gateway = await server();
    other = await server();
    const gatewayURL = gateway.url.replace('127.0.0.1', 'localhost');
    client = new AIgateway({
      apiKey: KEY,
      baseURL: `${gatewayURL}/v1`,
      byok: { openai: BYOK },
      tag: 'feature-x',
      defaultHeaders: { 'x-team': 'secret-team-token' },
      maxRetries: 0,
      logLevel: 'off',
    });
  });
  afterEach(() => {
    gateway.seen.length = 0;
    other.seen.length = 0;
  });
  afterAll(async () => {
    await gateway.close();
    await other.close();
  });

  const leaked = (headers: IncomingHttpHeaders) =>
    CREDENTIAL_HEADERS.filter((name) => headers[name] !== undefined);

  it('files.download(url on another origin) sends no key, BYOK key, tag or default header', async () => {
    const file = await client.files.download(`${other.url}/cdn/video.mp4`);
    expect(await file.text()).toBe('file bytes');
    expect(other.seen).toHaveLength(1);
    expect(leaked(other.seen[0]!.headers)).toEqual([]);
  });

  it('a gateway path still gets them all', async () => {
    await client.files.download('jobs/job_1/video.mp4');
    expect(leaked(gateway.seen[0]!.headers).sort()).toEqual([
      'authorization',
      'x-aig-tag',
      'x-byok-openai',
      'x-team',
    ]);
  });

  it('a cross-origin 302 on a GET is followed without any of them', async () => {
    gateway.answer(() => ({ status: 302, headers: { location: `${other.url}/cdn/video.mp4` } }));
    const file = await client.files.download('jobs/job_1/video.mp4');
    expect(await file.text()).toBe('file bytes');
    expect(other.seen).toHaveLength(1);
    expect(leaked(other.seen[0]!.headers)).toEqual([]);
  });

  it('a cross-origin 307 on a POST is not followed: the body and the keys stay home', async () => {
    gateway.answer(() => ({ status: 307, headers: { location: `${other.url}/v1/embeddings` } }));
    const error = await client.embeddings
      .create({ model: 'baai/bge-m3', input: 'private text' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(307);
    expect((error as Error).message).toMatch(/not followed/);
    expect(other.seen).toEqual([]);
  });

  it('a same-origin 307 on a POST is followed with its body and key (behaviour kept)', async () => {
    gateway.answer(
      (seen): ReturnType<Answer> =>
        seen.url === '/v1/embeddings'
          ? { status: 307, headers: { location: '/v1/embeddings-moved' } }
          : {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: '{"object":"list","data":[]}',
            },
    );
    await client.embeddings.create({ model: 'baai/bge-m3', input: 'private text' });
    expect(gateway.seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/v1/embeddings'],
      ['POST', '/v1/embeddings-moved'],
    ]);
    expect(gateway.seen[1]!.body).toContain('private text');
    expect(gateway.seen[1]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});
