import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import type { EmulatorControl } from './domains/control/control.js';
import type { RequestJournal } from './domains/control/journal.js';
import { assembleEmulator, type Emulator } from './emulator.js';
import type { PrereadBody } from './http/context.js';
import { Exposure } from './http/exposure.js';
import { isDropped } from './http/drop.js';
import { resetOnCut } from './http/stream-cut.js';
import type { EmulatorOptions } from './options.js';

export interface StartEmulatorOptions extends EmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
}

/** A running emulator on a real HTTP server. */
export interface RunningEmulator {
  /** The base URL, `http://127.0.0.1:PORT/v1`. */
  url: string;
  port: number;
  apiKey: string;
  webhookSecret: string;
  /** Things to tell whoever started it: binding beyond loopback makes the key reachable by others. */
  warnings: string[];
  control: EmulatorControl;
  /** The request journal: find, count and expect the requests the emulator answered. */
  requests: RequestJournal;
  /** The namespace `x-aig-emulator-namespace: <name>` picks (see `Emulator.namespace`). */
  namespace(name: string): Emulator;
  emulator: Emulator;
  /** Closes open connections and the server, stops timers and writes the state file. */
  close(): Promise<void>;
}

/**
 * Reads a request body straight from node's stream: building a web stream for it costs more
 * than the rest of a chat completion. A body over the limit is not read at all: a declared
 * `Content-Length` over it answers at once, a longer chunked body as soon as it passes the limit
 * (the connection then closes, so the unread rest is never waited for).
 */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<PrereadBody> {
  const declared = Number(incoming.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.resolve({ bodyTooLarge: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) return void chunks.push(chunk);
      incoming.off('data', onData);
      incoming.pause();
      resolve({ bodyTooLarge: true });
    };
    incoming.on('data', onData);
    incoming.on('end', () => resolve({ body: Buffer.concat(chunks) }));
    incoming.on('error', reject);
  });
}

/** The answer to a body left unread: the connection closes after it, so the client stops sending. */
function closeAfter(res: Response): Response {
  const headers = new Headers(res.headers);
  headers.set('connection', 'close');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Starts the emulator on a local HTTP server (a free port by default).
 *
 * @example
 * const gw = await startEmulator();
 * const openai = new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey });
 * // …
 * await gw.close();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const { emulator, serve, prereadLimit, exposure } = assembleEmulator(rest);
  const listener = getRequestListener(async (request, env) => {
    const { incoming } = env as HttpBindings;
    const path = (incoming.url ?? '/').split('?')[0]!;
    const limit = prereadLimit(incoming.method ?? 'GET', path);
    const preread = limit === undefined ? undefined : await readIncoming(incoming, limit);
    let res = await serve(request, preread);
    if (preread?.bodyTooLarge) res = closeAfter(res);
    // Faults `drop=` and `stream-cut=`: the client sees the connection reset, and nothing is logged.
    const reset = () => {
      incoming.socket.destroy();
      (env as HttpBindings).outgoing.destroy();
    };
    if (!isDropped(res)) return resetOnCut(res, reset);
    reset();
    return new Response(null, { status: 204 });
  });
  const server: Server = createServer(listener);
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing listens, but the emulator may have restored --state with pending jobs: stop their timers.
    await emulator.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  exposure.listening(address.address, address.port, host);
  const hostPart = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  const warnings = Exposure.isPublicBind(host)
    ? [
        `Listening on ${host}, beyond this machine: anyone who can reach it can use the API key (the default sk-aig-emulator-dev is public) and read every stored request. Bind 127.0.0.1 unless you mean it, and pass your own --key.`,
      ]
    : [];
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}/v1`,
    warnings,
    port: address.port,
    apiKey: emulator.apiKey,
    webhookSecret: emulator.webhookSecret,
    control: emulator.control,
    requests: emulator.requests,
    namespace: (name) => emulator.namespace(name),
    emulator,
    close() {
      closing ??= (async () => {
        await emulator.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
