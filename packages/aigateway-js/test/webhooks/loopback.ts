import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * POSTs over a real loopback socket and returns what a Node server received: `req.headers`
 * (IncomingHttpHeaders, lowercased by Node) and the raw body bytes.
 */
export async function receiveOverLoopback(
  body: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  let received: { headers: IncomingHttpHeaders; body: Buffer } | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received = { headers: req.headers, body: Buffer.concat(chunks) };
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/hooks/aigateway`, {
      method: 'POST',
      body,
      headers,
    });
    if (response.status !== 204) throw new Error(`loopback server answered ${response.status}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  if (received === undefined) throw new Error('loopback server received nothing');
  return received;
}
