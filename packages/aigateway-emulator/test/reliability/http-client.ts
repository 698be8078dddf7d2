// A minimal HTTP/1.1 client on node:http with its own keep-alive agent, so the test decides when
// every client connection is closed (and can then check the server's side went back to zero).
import { Agent, request } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface HttpClient {
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  /** Closes every connection of the agent. */
  destroy(): void;
}

/** A client for `origin` (`http://127.0.0.1:PORT`) sending `Authorization: Bearer <apiKey>`. */
export function httpClient(origin: string, apiKey: string, maxSockets = 128): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(origin);
  return {
    send(method, path, body, headers = {}) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: hostname,
            port,
            method,
            path,
            headers: {
              authorization: `Bearer ${apiKey}`,
              ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    destroy: () => agent.destroy(),
  };
}
