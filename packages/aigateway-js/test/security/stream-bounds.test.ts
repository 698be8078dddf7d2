// Issue #12 item 11: streams are bounded and always settle. One SSE line without end (a 400 MiB
// line took a client to 549 MiB) must stop at a cap; `stream.usage` must settle however the stream
// ends — aborted before being iterated, never iterated, or `toReadableStream()` cancelled before its
// first read — and the socket be given back. Real loopback sockets: a scripted server for the
// endless line, the emulator (in this process, so its sockets count too) for the rest.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, APIUserAbortError, ConfigurationError, StreamInterruptedError } from '../../src/index.js';

const messages = [{ role: 'user' as const, content: 'a long answer' }];
const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
async function socketsBackTo(target: number): Promise<number> {
  for (let i = 0; i < 1000 && tcpSockets() > target; i++) await new Promise((r) => setTimeout(r, 10));
  return tcpSockets();
}
const within = <T>(promise: Promise<T>, ms = 3_000): Promise<T | 'never settled'> =>
  Promise.race([
    promise,
    new Promise<'never settled'>((r) => setTimeout(() => r('never settled'), ms).unref()),
  ]);

describe('one event may not grow without bound (loopback)', () => {
  let srv: Server;
  let url: string;
  let written = 0;
  beforeAll(async () => {
    // `data: xxxx…` with no line end, 64 KiB at a time, until the client hangs up (or 64 MiB).
    srv = createServer((req, res) => {
      req.resume();
      written = 0;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: ');
      const piece = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (written < 64 * 1024 * 1024) {
          written += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
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

  it('stops at streamMaxEventBytes with StreamInterruptedError, having read little more than the cap', async () => {
    const client = new AIgateway({
      apiKey: 'sk-aig-bounds-0123456789',
      baseURL: url,
      logLevel: 'off',
      streamMaxEventBytes: 1024 * 1024,
    });
    const stream = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages, stream: true });
    const error = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as Error).message).toMatch(/larger than 1048576 bytes.*streamMaxEventBytes/);
    expect(await within(stream.usage)).toMatchObject({ estimated: true });
    // The server wrote what the socket buffers took before the client hung up: far from 64 MiB.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('has a documented default (16 MiB) and refuses a nonsense cap', () => {
    expect(() => new AIgateway({ apiKey: 'sk-aig-bounds-0123456789', streamMaxEventBytes: 0 })).toThrow(
      ConfigurationError,
    );
    expect(() => new AIgateway({ apiKey: 'sk-aig-bounds-0123456789', streamMaxEventBytes: 1.5 })).toThrow(
      ConfigurationError,
    );
  });
});

describe('stream.usage settles and the socket is released however a stream ends (loopback emulator)', () => {
  let gw: RunningEmulator;
  let client: AIgateway;
  beforeAll(async () => {
    gw = await startEmulator({ keepaliveMs: 0 });
    // Stalled streams: they stay open until the client stops them.
    client = new AIgateway({
      apiKey: gw.apiKey,
      baseURL: gw.url,
      logLevel: 'off',
      defaultHeaders: { 'x-aig-fault': 'stream-stall=2' },
    });
  });
  afterAll(() => gw.close());

  it('abort() before iterating: usage settles (an estimate), the loop then throws APIUserAbortError', async () => {
    const baseline = tcpSockets();
    const stream = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages, stream: true });
    stream.abort();
    expect(await within(stream.usage)).toMatchObject({ estimated: true });
    const error = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(await socketsBackTo(baseline)).toBeLessThanOrEqual(baseline);
  });

  it('never iterated, then aborted: usage settles and the socket is released', async () => {
    const baseline = tcpSockets();
    const stream = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages, stream: true });
    await new Promise((r) => setTimeout(r, 50));
    stream.controller.abort();
    expect(await within(stream.usage)).toMatchObject({ estimated: true });
    expect(await socketsBackTo(baseline)).toBeLessThanOrEqual(baseline);
  });

  it('toReadableStream() cancelled before its first read: usage settles and the socket is released', async () => {
    const baseline = tcpSockets();
    const stream = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages, stream: true });
    const readable = stream.toReadableStream();
    await readable.cancel();
    expect(await within(stream.usage)).toMatchObject({ estimated: true });
    expect(await socketsBackTo(baseline)).toBeLessThanOrEqual(baseline);
  });
});
