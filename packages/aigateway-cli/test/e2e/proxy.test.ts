// HTTPS_PROXY through the built binary, all the way: a CONNECT tunnel through a loopback proxy to an HTTPS gateway
// (a TLS front for the emulator whose test certificate the child trusts through NODE_EXTRA_CA_CERTS). The proxy
// sees the CONNECT line and its credentials, never the key; no undici is loaded for it.
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, json, startGateway, TEST_KEY } from '../helpers/gateway.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const CERT = fixture('tls-localhost.crt');
const BUILTINS = fixture('report-builtins.cjs');

let g: Gateway;
let front: TlsServer;
let gatewayURL: string;
let proxy: Server;
let proxyPort: number;
const connects: string[] = [];
const credentials: (string | undefined)[] = [];
const tunnelled: Buffer[] = [];
/** Both ends of every tunnel: detached from the proxy server, so closing it does not end them. */
const sockets: Socket[] = [];

beforeAll(async () => {
  g = await startGateway();
  const emulator = new URL(g.gw.url);
  front = createTlsServer(
    { key: readFileSync(fixture('tls-localhost.key')), cert: readFileSync(CERT) },
    (req, res) => {
      const upstream = request(
        {
          host: emulator.hostname,
          port: emulator.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: emulator.host },
          // No keep-alive socket left for the emulator's close to wait on.
          agent: false,
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  gatewayURL = `https://localhost:${(front.address() as AddressInfo).port}/v1`;

  // A tunnelling proxy: CONNECT host:port opens a TCP connection there and relays bytes both ways.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    connects.push(`CONNECT ${req.url}`);
    credentials.push(req.headers['proxy-authorization']);
    const port = Number(req.url?.split(':').at(-1));
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      client.on('data', (chunk: Buffer) => tunnelled.push(chunk));
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.push(client as Socket, upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  for (const socket of sockets) socket.destroy();
  for (const server of [proxy, front]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await g.close();
});

const env = (extra: Record<string, string>) => ({
  AIGATEWAY_BASE_URL: gatewayURL,
  NODE_EXTRA_CA_CERTS: CERT,
  ...extra,
});

describe('https:// through HTTPS_PROXY', () => {
  it('aig models --json tunnels (CONNECT, TLS inside, Proxy-Authorization from the URL) without loading undici', async () => {
    connects.length = 0;
    tunnelled.length = 0;
    const r = await g.bin(['models', '--json'], {
      env: env({ HTTPS_PROXY: `http://aig:p%40ss@127.0.0.1:${proxyPort}` }),
      nodeArgs: ['--require', BUILTINS],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ data: unknown[] }>(r).data.length).toBeGreaterThan(10);
    const port = new URL(gatewayURL).port;
    expect(connects).toEqual([`CONNECT localhost:${port}`]);
    expect(credentials.at(-1)).toBe(`Basic ${Buffer.from('aig:p@ss').toString('base64')}`);
    // The request (and its key) crossed the proxy encrypted.
    expect(Buffer.concat(tunnelled).includes(TEST_KEY)).toBe(false);
    const builtins = r.stderr.split('\n').filter((l) => l.startsWith('[builtin] '));
    expect(builtins).toContain('[builtin] tls');
    expect(builtins.filter((l) => /undici/.test(l))).toEqual([]);
  });

  it('a chat answer streams through the tunnel', async () => {
    const r = await g.bin(['call', 'openai/gpt-5.4', 'through the tunnel'], {
      env: env({ https_proxy: `127.0.0.1:${proxyPort}` }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('through the tunnel');
  });

  it('NO_PROXY=localhost goes straight to the gateway', async () => {
    connects.length = 0;
    const r = await g.bin(['models', '--json'], {
      env: env({ HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'localhost' }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(connects).toEqual([]);
  });
});
