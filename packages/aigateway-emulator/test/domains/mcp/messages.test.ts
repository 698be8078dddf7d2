import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorAt } from '../../../src/contract/validate.js';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

// The transports take exactly the messages the contract's JsonRpcPayload / JsonRpcMessage
// describe (Schemathesis ST202 found valid ones refused; these also refuse the invalid ones).
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const ping = { jsonrpc: '2.0', id: 7, method: 'ping' };
// What a client sends back for a server message it could not read: JSON-RPC's `id: null`.
const unreadable = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } };
const valid = (schema: string, body: unknown) => validatorAt(`#/components/schemas/${schema}`)(body);

const post = (body: unknown) => gw.call('POST', '/mcp', { body });

/** A legacy SSE session: its message path, the stream's text so far, and its end. */
async function legacySession() {
  const reader = (await gw.call('GET', '/mcp/sse')).body!.getReader();
  let text = '';
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    return text;
  };
  const path = /data: (\S+)/.exec(await readUntil(/data: \S+\n/))![1]!;
  return { path, readUntil, close: () => reader.cancel() };
}

describe('POST /mcp takes what the contract describes', () => {
  it('an error with id null, alone or in a batch with a request', async () => {
    expect(valid('JsonRpcPayload', [unreadable, ping])).toBe(true);
    const batch = await post([unreadable, ping]);
    expect(batch.status).toBe(200);
    // The SDK answers a batch holding one request with that one response.
    expect([await batch.json()].flat()).toEqual([{ jsonrpc: '2.0', id: 7, result: {} }]);
    expect((await post(unreadable)).status).toBe(202);
  });

  it('a message with members its kind does not define (they are ignored)', async () => {
    const request = { ...ping, result: {}, extra: [1] };
    expect(valid('JsonRpcPayload', request)).toBe(true);
    const res = await post(request);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
  });

  it.each([
    ['an empty batch', []],
    ['a batch of 101', Array.from({ length: 101 }, (_, id) => ({ ...ping, id }))],
    ['an error without an id', { jsonrpc: '2.0', error: { code: 1, message: 'x' } }],
    ['an id JavaScript cannot hold', { ...ping, id: 2 ** 53 }],
    ['a notification with an id of null', { jsonrpc: '2.0', id: null, method: 'notifications/initialized' }],
    ['params._meta that is not an object', { ...ping, params: { _meta: 5 } }],
  ])('refuses %s with a JSON-RPC 400 Invalid Request, as the contract does', async (_, body) => {
    expect(valid('JsonRpcPayload', body)).toBe(false);
    const res = await post(body);
    expect(res.status).toBe(400);
    const error = await expectContract<{ error: { code: number; message: string } }>(res, 'POST', '/mcp');
    expect(error.error.code).toBe(-32600);
    expect(error.error.message).toMatch(/^Invalid Request: the body must be a JSON-RPC 2\.0 request/);
  });
});

describe('POST /mcp/messages (legacy SSE) takes what the contract describes', () => {
  it('an error with id null is accepted, and the session goes on', async () => {
    const session = await legacySession();
    try {
      expect(valid('JsonRpcMessage', unreadable)).toBe(true);
      const res = await gw.call('POST', session.path, { body: unreadable });
      expect(res.status).toBe(202);
      expect((await gw.call('POST', session.path, { body: ping })).status).toBe(202);
      const reply = /data: (\{.*"id":7.*\})/.exec(await session.readUntil(/"id":7/))![1]!;
      expect(JSON.parse(reply)).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    } finally {
      await session.close();
    }
  });

  it('a batch is refused (the legacy transport takes one message)', async () => {
    const session = await legacySession();
    try {
      const res = await gw.call('POST', session.path, { body: [ping] });
      expect(res.status).toBe(400);
      const error = await expectContract<{ error: { message: string } }>(res, 'POST', '/mcp/messages');
      expect(error.error.message).toContain('one JSON-RPC 2.0 request, notification, result or error');
    } finally {
      await session.close();
    }
  });
});
