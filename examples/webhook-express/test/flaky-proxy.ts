import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with attempt n (`x-aig-attempt`). */
export type AttemptPlan =
  /** Answer 500 without forwarding: the app was down. */
  | 'down'
  /** Forward to the app, then answer 500 anyway: the app processed it but the 2xx was lost. */
  | 'lose-ack'
  /** Forward and pass the app's answer through. */
  | 'pass';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A loopback proxy in front of the app that fails some delivery attempts, so the emulator's real
 * retry schedule redelivers the same delivery id.
 */
export async function startFlakyProxy(target: string, plan: (attempt: number) => AttemptPlan) {
  const forwarded: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const attempt = Number(req.headers['x-aig-attempt']);
    const action = plan(attempt);
    if (action === 'down') {
      res.writeHead(500).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && (name.startsWith('x-aig-') || name === 'content-type')) {
        headers.set(name, value);
      }
    }
    forwarded.push(attempt);
    const upstream = await fetch(target, { method: 'POST', headers, body: new Uint8Array(body) });
    const text = await upstream.text();
    res.writeHead(action === 'lose-ack' ? 500 : upstream.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    /** Attempts that reached the app. */
    forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
