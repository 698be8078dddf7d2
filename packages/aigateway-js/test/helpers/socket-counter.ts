// A TCP relay in front of the loopback emulator that counts open client connections, to prove that
// a stopped stream really closes its socket. Only connections that carried a request count: Node's
// fetch (undici) may open a spare idle connection after one is destroyed, which it reaps itself.
import { createServer, type Socket, connect } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { type Harness, startHarness } from './emulator.js';

export interface SocketCounter {
  /** The base URL to give the client (same path as the target, the relay's port). */
  url: string;
  open(): number;
  /** Resolves once no client connection is open (polls; fails the test via its timeout otherwise). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function socketCounter(target: string): Promise<SocketCounter> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const all = new Set<Socket>();
  const server = createServer((client) => {
    all.add(client);
    client.once('data', () => sockets.add(client));
    const remote = connect(Number(upstream.port), upstream.hostname);
    client.pipe(remote).pipe(client);
    const end = () => {
      sockets.delete(client);
      all.delete(client);
      client.destroy();
      remote.destroy();
    };
    client.on('close', end).on('error', end);
    remote.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    open: () => sockets.size,
    async drained() {
      while (sockets.size > 0) await new Promise((r) => setTimeout(r, 10));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of all) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The loopback emulator and a socket counter in front of it, started and stopped around the enclosing suite. */
export function relayedEmulator(): { gw: Harness; relay: SocketCounter } {
  const env = {} as { gw: Harness; relay: SocketCounter };
  beforeAll(async () => {
    env.gw = await startHarness('loopback');
    env.relay = await socketCounter(env.gw.baseURL);
  });
  afterAll(async () => {
    await env.relay.close();
    await env.gw.close();
  });
  return env;
}
