// On Node's own fetch an attempt is timed out through a dispatcher hook instead of a signal given
// to fetch (core/transport-hook.ts). These prove it is used, that a timeout still tears the
// connection down (headers or body still to come), and that a patched global fetch that ignores
// the dispatcher still times out at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { APITimeoutError } from '../../src/index.js';
import { relayedEmulator } from '../helpers/socket-counter.js';

const env = relayedEmulator();
afterEach(() => {
  vi.restoreAllMocks();
});

type Init = RequestInit & { dispatcher?: unknown };
type Dispatchers = Record<symbol, { dispatch(o: object, h: object): boolean } | undefined>;

/** Spies on the global fetch (a new function: it must prove itself again) and keeps each call's init. */
function spyOnFetch(): Init[] {
  const inits: Init[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    inits.push(init as Init);
    return real(input, init);
  });
  return inits;
}

describe('attempts on Node’s own fetch', () => {
  it('give fetch a signal until that fetch has sent through the hook, then only the hook', async () => {
    const inits = spyOnFetch();
    const client = env.gw.client();
    await client.models.list();
    await client.models.list();
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(inits[0]?.dispatcher).toBeDefined();
    expect(inits[1]?.signal).toBeUndefined();
    expect(inits[1]?.dispatcher).toHaveProperty('dispatch', expect.any(Function));
  });

  it('a caller’s signal, a stream or a fetch option still get a signal', async () => {
    const inits = spyOnFetch();
    await env.gw.client().models.list(); // proves the spy
    await env.gw.client().models.list({ signal: new AbortController().signal });
    const stream = await env.gw.client().chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const _ of stream) break;
    const own = vi.fn((input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init));
    await env.gw.client({ fetch: own }).models.list();
    expect(inits.slice(1).map((init) => init.signal instanceof AbortSignal)).toEqual([true, true, true]);
    expect(inits[3]?.dispatcher).toBeUndefined();
  });

  it('a timeout before the headers rejects with APITimeoutError and closes the connection', async () => {
    const inits = spyOnFetch();
    await env.gw.client().models.list(); // proves the spy
    const client = env.gw.client({ baseURL: env.relay.url, timeout: 100, maxRetries: 0 });
    const slow = client.models.list({ headers: { 'x-aig-fault': 'latency=60000' } });
    while (env.relay.open() === 0) await new Promise((r) => setTimeout(r, 5));
    await expect(slow).rejects.toBeInstanceOf(APITimeoutError);
    expect(inits[1]?.signal).toBeUndefined();
    // The relay saw only this request: its socket closes before the emulator's minute is up only
    // if the timeout aborted the request.
    await env.relay.drained();
  });

  it('a fetch option’s dispatcher is the one the request goes through', async () => {
    await env.gw.client().models.list();
    const seen: string[] = [];
    const inner = (globalThis as unknown as Dispatchers)[Symbol.for('undici.globalDispatcher.1')];
    const dispatcher = {
      dispatch(options: { path: string }, handler: object) {
        seen.push(options.path);
        return inner?.dispatch(options, handler) ?? false;
      },
    };
    await env.gw.client({ fetchOptions: { dispatcher } }).models.list();
    expect(seen).toEqual(['/v1/models']);
  });

  it('goes through the global dispatcher Node’s fetch uses (a proxy set with setGlobalDispatcher)', async () => {
    const symbol = Symbol.for('undici.globalDispatcher.1');
    const g = globalThis as unknown as Dispatchers;
    const original = g[symbol];
    await env.gw.client().models.list(); // loads Node's fetch and proves it
    const seen: string[] = [];
    // What undici's setGlobalDispatcher does (the property is writable, not configurable).
    g[symbol] = {
      dispatch(options: object, handler: object) {
        seen.push((options as { path: string }).path);
        return (original as NonNullable<typeof original>).dispatch(options, handler);
      },
    };
    try {
      const inits = spyOnFetch();
      await env.gw.client().models.list();
      await env.gw.client().models.retrieve('openai/gpt-5.4');
      expect(inits[1]?.signal).toBeUndefined();
      expect(seen).toEqual(['/v1/models', '/v1/models/openai/gpt-5.4']);
    } finally {
      g[symbol] = original;
    }
  });
});

describe('a timeout while the body is read', () => {
  let server: Server;
  let base: string;
  const closed: boolean[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const index = closed.push(false) - 1;
      req.socket.on('close', () => {
        closed[index] = true;
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_stalled' });
      // Half a body, then nothing: only the client's timeout can end this.
      res.write('{"object":"list","data":[');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects with APITimeoutError and closes the connection, through the hook', async () => {
    const inits = spyOnFetch();
    const client = env.gw.client({ baseURL: base, timeout: 150, maxRetries: 0 });
    await env.gw.client().models.list(); // proves the spy
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(inits.at(-1)?.signal).toBeUndefined();
    while (!closed.at(-1)) await new Promise((r) => setTimeout(r, 5));
    expect(closed.at(-1)).toBe(true);
  });
});

describe('a global fetch that does not always send through the dispatcher', () => {
  it('a call it answers itself (as msw does) still times out on time', async () => {
    const real = globalThis.fetch;
    let calls = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      calls++;
      // The first call goes through (proving the hook), the second is answered after a minute.
      if (calls === 1) return real(input, init);
      return new Promise<Response>((resolve) => {
        const timer = setTimeout(() => resolve(new Response('{}')), 60_000);
        timer.unref();
      });
    });
    const client = env.gw.client({ timeout: 100, maxRetries: 0 });
    await client.models.list();
    await expect(client.models.list()).rejects.toBeInstanceOf(APITimeoutError);
    expect(calls).toBe(2);
  });
});
