import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedDelivery {
  headers: Headers;
  body: string;
}

/**
 * A loopback receiver that stores every delivery exactly as received, so the tests can hand real
 * emulator deliveries to the route handler. `status(attempt)` chooses its answer.
 */
export async function startCapture(status: (attempt: number) => number = () => 204) {
  const deliveries: CapturedDelivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    deliveries.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(status(Number(req.headers['x-aig-attempt']))).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Request Next.js would hand to the route handler for this delivery. */
export function toRequest(delivery: CapturedDelivery, body = delivery.body): Request {
  return new Request('http://localhost:3000/api/webhooks/aigateway', {
    method: 'POST',
    headers: delivery.headers,
    body,
  });
}
