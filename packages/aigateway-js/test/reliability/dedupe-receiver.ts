// A webhook endpoint built the way the examples build theirs: read the raw body, verify it with
// verifyWebhook, skip an event (its dedupeKey, from the signed body) already processed, process,
// then acknowledge with a 2xx.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from '../../src/webhooks/index.js';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the request had arrived in full. */
  at: number;
  status: number;
}

export interface ReceiverOptions {
  secret: string;
  /** The verifier's clock in ms (the emulator's, once its clock was advanced). */
  now?: () => number;
  /**
   * What goes wrong on the n-th request (1-based): `before` fails before processing (e.g. the
   * database is down), `after` fails after processing, before the acknowledgement went out.
   */
  failure?: (n: number) => 'before' | 'after' | undefined;
}

export async function startDedupeReceiver(options: ReceiverOptions) {
  const received: ReceivedDelivery[] = [];
  /** Side effects, one per processed event: what "exactly once" is measured on. */
  const processed: WebhookEvent[] = [];
  const done = new Set<string>();
  const waiters: (() => void)[] = [];

  const handle = (headers: IncomingHttpHeaders, body: Buffer): number => {
    let event: WebhookEvent;
    try {
      event = verifyWebhook(body, headers, options.secret, options.now ? { now: options.now } : undefined);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return 400;
      throw error;
    }
    if (done.has(event.dedupeKey)) return 200;
    const failure = options.failure?.(received.length + 1);
    if (failure === 'before') return 500;
    processed.push(event);
    done.add(event.dedupeKey);
    return failure === 'after' ? 500 : 200;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const status = handle(req.headers, body);
      received.push({ headers: req.headers, body, at: performance.now(), status });
      res.writeHead(status).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/aigateway`,
    received,
    processed,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number): Promise<ReceivedDelivery[]> {
      while (received.length < count) await new Promise<void>((wake) => waiters.push(wake));
      return received.slice(0, count);
    },
    /**
     * Sends a captured delivery again, as an attacker replaying it (or a proxy retrying) would;
     * `rewrite` changes headers on the way (the unsigned ones, e.g. `x-aig-delivery-id`).
     */
    async replay(delivery: ReceivedDelivery, rewrite: Record<string, string> = {}): Promise<number> {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(delivery.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      }
      Object.assign(headers, rewrite);
      const res = await fetch(`http://127.0.0.1:${port}/hooks/aigateway`, {
        method: 'POST',
        headers,
        body: new Uint8Array(delivery.body),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
