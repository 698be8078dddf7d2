import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headers } from 'aigateway-contract';
import { verifyWebhook, WebhookVerificationError } from 'aigateway-js/webhooks';
import { CliError, interrupted } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';
import { describeDelivery, toDelivery } from './describe.js';

export interface ListenerOptions {
  secret: string;
  port: number;
  forwardTo: string | undefined;
  tolerance: number | undefined;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;
// Headers the gateway sends with a delivery; forwarded as received so the app verifies the same bytes.
const FORWARDED = ['content-type', 'user-agent', ...Object.keys(headers.webhook)];

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

interface Forwarded {
  url: string;
  status: number | null;
  error?: string;
}

async function forward(
  url: string,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ info: Forwarded; text: string }> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  try {
    const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body) });
    return { info: { url, status: response.status }, text: await response.text() };
  } catch (error) {
    const reason = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { info: { url, status: null, error: reason }, text: '' };
  }
}

/**
 * Serves 127.0.0.1:`port` until Ctrl-C: verifies every POSTed delivery, prints it (a JSON line each with
 * --json), answers 2xx (or what `forwardTo` answered) when valid and 400 with the reason when not.
 */
export async function startListener(rt: Runtime, options: ListenerOptions): Promise<never> {
  const { out } = rt;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      reply(res, 405, { error: { code: 'method_not_allowed', message: 'POST webhook deliveries here.' } });
      return;
    }
    const body = await readBody(req);
    let event: ReturnType<typeof verifyWebhook>;
    try {
      event = verifyWebhook(
        body,
        req.headers,
        options.secret,
        options.tolerance === undefined ? undefined : { tolerance: options.tolerance },
      );
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (out.json)
        out.event({ event: 'rejected', valid: false, reason: error.reason, message: error.message });
      else out.line(`${out.c.red('✖ rejected')}  ${error.reason}: ${error.message}`);
      reply(res, 400, { error: { code: error.reason, message: error.message } });
      return;
    }
    const delivery = toDelivery(event);
    const forwarded = options.forwardTo ? await forward(options.forwardTo, req, body) : undefined;
    if (out.json)
      out.event({ event: 'delivery', ...delivery, ...(forwarded ? { forward: forwarded.info } : {}) });
    else {
      out.line(describeDelivery(delivery, out.c));
      if (forwarded) {
        const { url, status, error } = forwarded.info;
        out.line(`  ↪ ${url} ${status === null ? out.c.red(`failed: ${error}`) : status}`);
      }
    }
    if (!forwarded) reply(res, 200, { received: true, id: delivery.delivery_id });
    else if (forwarded.info.status === null)
      reply(res, 502, { error: { code: 'forward_failed', message: forwarded.info.error } });
    else res.writeHead(forwarded.info.status, { 'content-type': 'application/json' }).end(forwarded.text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // --json silences warnings (it implies --quiet), so there the failure is an event on stdout like the rest.
      if (out.json) out.event({ event: 'failed', message: (error as Error).message });
      else out.warn(`delivery failed: ${(error as Error).message}`);
      if (!res.headersSent)
        reply(res, 500, { error: { code: 'internal_error', message: 'The listener failed.' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(
              `Port ${options.port} is in use. Pass --port with a free port, or --port 0 to pick one.`,
              {
                code: 'port_in_use',
                exitCode: ExitCode.Usage,
              },
            )
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  if (out.json) out.event({ event: 'listening', url });
  else
    out.info(
      `Listening for webhooks on ${url} (verifying signatures${options.forwardTo ? `, forwarding to ${options.forwardTo}` : ''}). Ctrl-C stops.`,
    );

  await new Promise<void>((resolve) => {
    if (!rt.signal || rt.signal.aborted) return resolve();
    rt.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  throw interrupted('Stopped listening.');
}
