// Sends raw bodies to a contract operation on a running emulator and checks what holds for every
// answer, whatever was sent: below 500, no stack trace, declared by the contract, an X-Request-Id.
import { expect } from 'vitest';
import type { RunningEmulator } from '../../src/server.js';
import { checkDeclared, type JsonOperation } from './contract-oracle.js';

const STACK = /\bat \S+ \(?\S+:\d+:\d+\)?|node:internal|\/src\/\S+\.ts/;

export interface Answer {
  res: Response;
  text: string;
  /** The media type, without parameters. */
  type: string;
  body: { error?: Record<string, unknown> } | undefined;
}

/** Sends `raw` as the JSON body of `operation`; `{id}` in the path becomes `id`. */
export async function send(
  gw: RunningEmulator,
  operation: JsonOperation,
  raw: string,
  id = '',
): Promise<Answer> {
  const origin = gw.url.slice(0, -'/v1'.length);
  const post = () =>
    fetch(`${origin}${operation.path.replace('{id}', id)}`, {
      method: operation.method,
      headers: {
        authorization: `Bearer ${gw.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: raw,
    });
  let res: Response;
  try {
    res = await post();
  } catch (error) {
    // fetch reuses an idle keep-alive socket until ~2 s before the server's timeout; an event loop
    // stalled longer than that (a loaded CI machine) sends on a socket the server is closing:
    // ECONNRESET. Sent once more on a fresh socket; an input that really resets the connection
    // resets it again and still fails the property.
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    res = await post();
  }
  const text = await res.text();
  // An empty body has no media type, whatever the label (node-server adds text/plain to a 202).
  const type = text === '' ? '' : ((res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '');
  return { res, text, type, body: type === 'application/json' ? JSON.parse(text) : undefined };
}

/** Asserts what every answer must satisfy; returns a description for failure messages. */
export function expectSound(operation: JsonOperation, sent: string, answer: Answer): string {
  const { res, text, type, body } = answer;
  const where = `${operation.method} ${operation.path} ← ${sent.slice(0, 300)}\n→ ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(text, where).not.toMatch(STACK);
  expect(checkDeclared(operation, res.status, type, body), where).toBeUndefined();
  if (operation.path.startsWith('/v1/')) expect(res.headers.get('x-request-id'), where).toMatch(/^req_/);
  return where;
}
