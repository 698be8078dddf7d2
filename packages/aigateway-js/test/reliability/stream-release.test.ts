import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, APIUserAbortError, StreamIdleTimeoutError } from '../../src/index.js';

// Streams stopped every way a caller can stop them must give their sockets back, on both ends:
// the emulator runs in this process, so its server-side sockets count among the active handles.
// Once a connection is destroyed, Node's fetch (undici) may open a spare one and reap it when idle
// for ~3 s (its keep-alive timeout minus threshold), so the count is awaited (up to 10 s), not read at once.
const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

async function settled(target: number): Promise<number> {
  for (let i = 0; i < 1000 && tcpSockets() > target; i++) await new Promise((r) => setTimeout(r, 10));
  return tcpSockets();
}

describe('stopped streams release their sockets (client and server side)', () => {
  let gw: RunningEmulator;
  beforeAll(async () => {
    gw = await startEmulator({ keepaliveMs: 0 });
  });
  afterAll(() => gw.close());

  it('abort(), an AbortSignal, break, and the idle timeout: all sockets closed afterwards', async () => {
    const baseline = tcpSockets();
    const client = new AIgateway({
      apiKey: gw.apiKey,
      baseURL: gw.url,
      logLevel: 'off',
      streamIdleTimeout: 150,
      defaultHeaders: { 'x-aig-fault': 'stream-stall=2' },
    });
    const controllers = Array.from({ length: 12 }, () => new AbortController());
    const streams = await Promise.all(
      controllers.map((controller) =>
        client.chat.completions.create(
          { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'a long answer' }], stream: true },
          { signal: controller.signal },
        ),
      ),
    );
    // Each stalled stream holds one connection open at each end.
    expect(tcpSockets()).toBeGreaterThanOrEqual(baseline + 12);

    // Stream i: 0 → stream.abort(), 1 → break, 2 → its AbortSignal, 3 → left silent (idle timeout).
    const outcomes = await Promise.all(
      streams.map(async (stream, i) => {
        try {
          for await (const _ of stream) {
            if (i % 4 === 0) stream.abort();
            if (i % 4 === 1) break;
            if (i % 4 === 2) controllers[i]?.abort();
          }
          return 'ended';
        } catch (error) {
          return (error as Error).name;
        }
      }),
    );
    expect(outcomes).toEqual(
      Array.from({ length: 12 }, (_, i) =>
        i % 4 === 1 ? 'ended' : i % 4 === 3 ? StreamIdleTimeoutError.name : APIUserAbortError.name,
      ),
    );
    expect(await settled(baseline)).toBe(baseline);
  });
});
