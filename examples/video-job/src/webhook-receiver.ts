import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from 'aigateway-js/webhooks';

export interface WebhookReceiverOptions {
  /** The webhook signing secret (`whsec_…`). */
  secret: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The clock for the timestamp check. Default `Date.now`. */
  now?: () => number;
}

/** A running receiver: hand its events to whoever waits for a job. */
export interface WebhookReceiver {
  /** `http://host:port/webhooks/aigateway`. */
  url: string;
  /** Resolves with the verified event of `jobId` (at once if it already arrived). */
  waitFor(jobId: string, signal?: AbortSignal): Promise<WebhookEvent>;
  close(): Promise<void>;
}

export const RECEIVER_PATH = '/webhooks/aigateway';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A small node:http server that verifies AIgateway webhooks and resolves waiters by job id. */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const events = new Map<string, WebhookEvent>();
  const waiters = new Map<string, Set<(event: WebhookEvent) => void>>();

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== RECEIVER_PATH) {
      res.writeHead(404).end();
      return;
    }
    let event: WebhookEvent;
    try {
      event = verifyWebhook(await readBody(req), req.headers, options.secret, { now: options.now });
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.reason : 'internal_error';
      res.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end(reason);
      return;
    }
    res.writeHead(204).end();
    // A job finishes once: a retry of the same delivery changes nothing.
    if (events.has(event.data.id)) return;
    events.set(event.data.id, event);
    for (const resolve of waiters.get(event.data.id) ?? []) resolve(event);
    waiters.delete(event.data.id);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}${RECEIVER_PATH}`,
    waitFor(jobId, signal) {
      const arrived = events.get(jobId);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const set = waiters.get(jobId) ?? new Set();
        waiters.set(jobId, set);
        set.add(resolve);
        signal?.addEventListener(
          'abort',
          () => {
            set.delete(resolve);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
