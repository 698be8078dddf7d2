// Loads the language-neutral vectors of openapi/conformance/ (format: its README.md) and serves
// their HTTP responses over a real loopback socket.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const ROOT = new URL('../../../../openapi/conformance/', import.meta.url);

/** One vector file: `{ description, cases: [{ name, …, expect }] }`. */
export interface VectorFile<Case> {
  description: string;
  cases: Case[];
}

export function loadVectors<Case extends { name: string }>(file: string): VectorFile<Case> {
  const parsed = JSON.parse(readFileSync(new URL(file, ROOT), 'utf8')) as VectorFile<Case>;
  const names = new Set(parsed.cases.map((c) => c.name));
  if (names.size !== parsed.cases.length) throw new Error(`${file}: case names are not unique`);
  return parsed;
}

/** An HTTP answer spelled out by a vector; status 0 drops the connection instead. */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A loopback server answering each request with the next response of a script. */
export interface ScriptedServer {
  url: string;
  /** Replaces the script; a request beyond its end is answered 599 (and fails the case). */
  script(responses: CannedResponse[]): void;
  /** Requests received since the last `script()`. */
  requests(): IncomingMessage[];
  close(): Promise<void>;
}

export async function scriptedServer(): Promise<ScriptedServer> {
  let queue: CannedResponse[] = [];
  let seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    const next = queue.shift() ?? { status: 599, body: 'unscripted request' };
    // Status 0: no response at all, the connection is dropped (a connection error).
    if (next.status === 0) req.socket.destroy();
    else res.writeHead(next.status, next.headers).end(next.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    script(responses) {
      queue = [...responses];
      seen = [];
    },
    requests: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
