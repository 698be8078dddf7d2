// On Node, a call whose answer is read whole skips Node's fetch and goes to undici's dispatcher
// itself (core/transport-hook.ts `send`). These prove which calls take that path (the server sees
// no `sec-fetch-mode`, a header only fetch adds), and that what the caller gets is what fetch
// would have given: decoded bodies, headers, statuses, retries, errors, timeouts that close the
// connection.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AIgateway,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  NotFoundError,
} from '../../src/index.js';

const MODELS = {
  object: 'list',
  data: [{ id: 'openai/gpt-5.4', object: 'model', created: 1, owned_by: 'openai' }],
};
const JSON_BODY = Buffer.from(JSON.stringify(MODELS));

/** What each request looked like to the server, in order. */
const seen: Array<{ url: string; headers: IncomingHttpHeaders; closed: boolean }> = [];
let answer: (res: ServerResponse, url: string) => void = (res) => json(res, 200, JSON_BODY);
let server: Server;
let base: string;

function json(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-request-id': `req_${seen.length}`,
    ...headers,
  });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry = { url: req.url ?? '', headers: req.headers, closed: false };
    seen.push(entry);
    // A response that never ends closes only with its connection.
    res.on('close', () => {
      entry.closed = true;
    });
    req.resume();
    req.on('end', () => answer(res, entry.url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  // Node loads its fetch (and undici's global dispatcher) on first use.
  await fetch(`${base}/warm-up`).then((res) => res.arrayBuffer());
  seen.length = 0;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  seen.length = 0;
  answer = (res) => json(res, 200, JSON_BODY);
  vi.restoreAllMocks();
});

const client = (options: ConstructorParameters<typeof AIgateway>[0] = {}) =>
  new AIgateway({ apiKey: 'sk-aig-direct000000000000000', baseURL: base, maxRetries: 0, ...options });
const viaFetch = () => seen.map((request) => request.headers['sec-fetch-mode'] === 'cors');

/** A call with a 150 ms timeout rejects with APITimeoutError at once, and its connection closes. */
async function expectTimeoutClosesConnection() {
  const started = Date.now();
  await expect(client({ timeout: 150 }).models.list()).rejects.toBeInstanceOf(APITimeoutError);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(viaFetch()).toEqual([false]);
  while (!seen[0]?.closed) await new Promise((r) => setTimeout(r, 5));
  expect(seen[0]?.closed).toBe(true);
}

// First in the file (vitest gives each file fresh modules): no call has gone through fetch yet.
describe('a process’s first calls', () => {
  it('a timeout before the headers rejects on time and closes the connection', async () => {
    answer = (res) => {
      setTimeout(() => json(res, 200, JSON_BODY), 60_000).unref();
    };
    await expectTimeoutClosesConnection();
  });
});

describe('which calls skip fetch', () => {
  it('JSON and text answers do, with a caller’s signal too; binary answers, streams, a fetch option, other fetchOptions and a patched fetch do not', async () => {
    const c = client();
    await c.models.list();
    await c.models.retrieve('openai/gpt-5.4');
    await c.get('/models', {}, 'text');
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      res.end(Buffer.alloc(64));
    };
    await (await c.audio.speech.create({ model: 'openai/tts-1', input: 'hi', voice: 'alloy' })).arrayBuffer();
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: [DONE]\n\n');
    };
    const stream = await c.chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const _ of stream);
    answer = (res) => json(res, 200, JSON_BODY);
    await c.models.list({ signal: new AbortController().signal });
    await client({ fetch: (input, init) => fetch(input, init) }).models.list();
    await c.get('/models', { fetchOptions: { keepalive: true } });
    const real = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => real(input, init));
    await c.models.list();
    expect(viaFetch()).toEqual([false, false, false, true, true, false, true, true, true]);
  });

  it('job handles’ calls do too: create, refresh and the polls of wait()', async () => {
    const job = { id: 'job_direct', object: 'job', status: 'queued', model: 'runwayml/gen-4', created_at: 1 };
    answer = (res, url) => {
      const done = url.startsWith('/v1/jobs/') && seen.length > 2;
      const snapshot = done
        ? { ...job, status: 'completed', result_url: 'https://files.example/v.mp4' }
        : job;
      json(res, url.startsWith('/v1/videos') ? 202 : 200, Buffer.from(JSON.stringify(snapshot)));
    };
    const handle = await client().videos.generate({ model: 'runwayml/gen-4', prompt: 'waves' });
    await handle.refresh();
    const done = await handle.wait({ pollInterval: 1 });
    expect(done.result_url).toBe('https://files.example/v.mp4');
    expect(seen.map((request) => request.url)).toEqual([
      '/v1/videos/generations',
      '/v1/jobs/job_direct',
      '/v1/jobs/job_direct',
    ]);
    expect(viaFetch()).toEqual([false, false, false]);
  });

  it('sends what fetch would: the SDK’s headers, fetch’s accept-encoding, the body as is', async () => {
    const c = client({ defaultHeaders: { 'x-custom': 'yes' } });
    await c.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'hi' }).catch(() => undefined);
    const request = seen[0];
    expect(request?.headers['sec-fetch-mode']).toBeUndefined();
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate');
    expect(request?.headers.authorization).toBe('Bearer sk-aig-direct000000000000000');
    expect(request?.headers['x-custom']).toBe('yes');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toMatch(/.+/);
    expect(request?.url).toBe('/v1/embeddings');
  });

  it('a caller’s own accept-encoding is sent instead of fetch’s', async () => {
    await client({ defaultHeaders: { 'accept-encoding': 'identity' } }).models.list();
    expect(seen[0]?.headers['accept-encoding']).toBe('identity');
  });
});

describe('what a call that skipped fetch resolves with', () => {
  it.each([
    ['gzip', gzipSync(JSON_BODY)],
    ['x-gzip', gzipSync(JSON_BODY)],
    ['deflate', deflateSync(JSON_BODY)],
    ['deflate', deflateRawSync(JSON_BODY)],
    ['br', brotliCompressSync(JSON_BODY)],
    ['gzip, br', brotliCompressSync(gzipSync(JSON_BODY))],
    ['GZIP , deflate', deflateSync(gzipSync(JSON_BODY))],
  ])('a body sent with content-encoding %s is decoded', async (encoding, body) => {
    answer = (res) => json(res, 200, body, { 'content-encoding': encoding });
    expect(await client().models.list()).toEqual(MODELS);
    expect(viaFetch()).toEqual([false]);
  });

  // Each coding as a server applies it, and the name it sends in content-encoding.
  const CODERS: Record<string, [name: string, encode: (b: Buffer) => Buffer]> = {
    gzip: ['gzip', gzipSync],
    'x-gzip': ['x-gzip', gzipSync],
    deflate: ['deflate', deflateSync],
    'raw deflate': ['deflate', deflateRawSync],
    br: ['br', brotliCompressSync],
    identity: ['identity', (b) => b],
    unknown: ['compress', (b) => b],
  };
  it('for any JSON body, chain of codings and slicing, settles as the same call through fetch does (200 cases)', async () => {
    const viaOwnFetch = client({ fetch: (input, init) => fetch(input, init) });
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.array(fc.constantFrom(...Object.keys(CODERS)), { maxLength: 3 }),
        fc.integer({ min: 1, max: 512 }),
        async (value, codings, slice) => {
          let body: Buffer = Buffer.from(JSON.stringify(value));
          for (const coding of codings) body = (CODERS[coding] as [string, (b: Buffer) => Buffer])[1](body);
          const encoding = codings.map((coding) => CODERS[coding]?.[0]).join(', ');
          answer = (res) => {
            res.writeHead(200, {
              'content-type': 'application/json',
              ...(encoding ? { 'content-encoding': encoding } : {}),
            });
            for (let i = 0; i < body.length; i += slice) res.write(body.subarray(i, i + slice));
            res.end();
          };
          const settle = (p: Promise<unknown>) =>
            p.then(
              (data) => ({ data }),
              (error: unknown) => ({ error: (error as Error).constructor.name }),
            );
          seen.length = 0;
          const direct = await settle(client().get('/models'));
          const fetched = await settle(viaOwnFetch.get('/models'));
          expect(viaFetch()).toEqual([false, true]);
          expect(direct).toEqual(fetched);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a body in a coding fetch does not know is left as sent, as fetch leaves it', async () => {
    answer = (res) => json(res, 200, JSON_BODY, { 'content-encoding': 'identity' });
    expect(await client().models.list()).toEqual(MODELS);
  });

  it('a chunked body of many pieces is read whole', async () => {
    const big = {
      object: 'list',
      data: Array.from({ length: 2000 }, (_, i) => ({ ...MODELS.data[0], id: `m/${i}` })),
    };
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = Buffer.from(JSON.stringify(big));
      for (let i = 0; i < text.length; i += 1000) res.write(text.subarray(i, i + 1000));
      res.end();
    };
    expect(await client().models.list()).toEqual(big);
  });

  it('withResponse() and asResponse() give a Response as fetch’s: status, headers, url, a readable body', async () => {
    answer = (res) => json(res, 200, gzipSync(JSON_BODY), { 'content-encoding': 'gzip', 'x-extra': 'a' });
    const { data, response, requestId } = await client().models.list().withResponse();
    expect(data).toEqual(MODELS);
    expect(requestId).toBe('req_1');
    expect(data._request_id).toBe('req_1');
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.url).toBe(`${base}/models`);
    expect(response.headers.get('x-extra')).toBe('a');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const raw = await client().models.list().asResponse();
    expect(await raw.json()).toEqual(MODELS);
    expect(viaFetch()).toEqual([false, false]);
  });

  it('a 4xx is the same APIError as through fetch', async () => {
    const body = Buffer.from(
      JSON.stringify({
        error: { message: 'No such model', type: 'invalid_request_error', code: 'model_not_found' },
      }),
    );
    answer = (res) => json(res, 404, body);
    const direct = await client()
      .models.retrieve('nope/nope')
      .catch((e: unknown) => e);
    const fetched = await client({ fetch: (i, o) => fetch(i, o) })
      .models.retrieve('nope/nope')
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(NotFoundError);
    expect((direct as NotFoundError).message).toBe(
      (fetched as NotFoundError).message.replace('req_2', 'req_1'),
    );
    expect((direct as NotFoundError).requestId).toBe('req_1');
    expect(viaFetch()).toEqual([false, true]);
  });

  it('a 503 is retried, and the retry skips fetch too', async () => {
    let calls = 0;
    answer = (res) =>
      calls++ === 0
        ? json(res, 503, Buffer.from('{}'), { 'retry-after-ms': '1' })
        : json(res, 200, JSON_BODY);
    expect(await client({ maxRetries: 2 }).models.list()).toEqual(MODELS);
    expect(viaFetch()).toEqual([false, false]);
    expect(seen[1]?.headers['x-aig-retry-count']).toBe('1');
  });

  it('a 500 after the retries are spent is an InternalServerError', async () => {
    answer = (res) => json(res, 500, Buffer.from('{"error":{"message":"boom"}}'));
    await expect(client().models.list()).rejects.toBeInstanceOf(InternalServerError);
  });

  it('a redirect within the gateway is followed', async () => {
    answer = (res, url) => {
      if (url === '/v1/old-models') {
        res.writeHead(307, { location: '/v1/models', 'content-length': 0 });
        res.end();
      } else json(res, 200, JSON_BODY);
    };
    expect(await client().get('/old-models')).toEqual(MODELS);
    expect(seen.map((request) => request.url)).toEqual(['/v1/old-models', '/v1/models']);
  });
});

describe('a call that skipped fetch and failed', () => {
  it('an unreachable gateway is the same APIConnectionError as through fetch', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as { port: number }).port;
    await new Promise((resolve) => dead.close(resolve));
    const baseURL = `http://127.0.0.1:${port}/v1`;
    const direct = await client({ baseURL })
      .models.list()
      .catch((e: unknown) => e);
    const fetched = await client({ baseURL, fetch: (i, o) => fetch(i, o) })
      .models.list()
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(APIConnectionError);
    expect((direct as Error).message).toBe((fetched as Error).message);
    expect((direct as Error).message).toContain('ECONNREFUSED');
  });

  it('a connection dropped halfway through the body is an APIConnectionError', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"object":"list"');
      setTimeout(() => res.destroy(), 10);
    };
    await expect(client().models.list()).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('a timeout while the body is read rejects on time and closes the connection', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"object":"list","data":[');
    };
    await expectTimeoutClosesConnection();
  });

  it('a caller’s abort rejects with APIUserAbortError and its reason, and closes the connection', async () => {
    answer = (res) => {
      setTimeout(() => json(res, 200, JSON_BODY), 60_000).unref();
    };
    const controller = new AbortController();
    const call = client().models.list({ signal: controller.signal });
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort('user left');
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).cause).toBe('user left');
    expect(viaFetch()).toEqual([false]);
    while (!seen[0]?.closed) await new Promise((r) => setTimeout(r, 5));
  });

  it('a signal aborted before the call sends nothing', async () => {
    await expect(client().models.list({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(seen).toEqual([]);
  });

  it('a body in an advertised coding that does not decode is an APIConnectionError, as through fetch', async () => {
    answer = (res) => json(res, 200, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    const direct = await client()
      .models.list()
      .catch((e: unknown) => e);
    const fetched = await client({ fetch: (i, o) => fetch(i, o) })
      .models.list()
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(APIConnectionError);
    expect(fetched).toBeInstanceOf(APIConnectionError);
  });
});
