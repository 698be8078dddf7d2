import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

/** A session opened as curl would (`initialize`, JSON answers), its id. */
async function openSession(): Promise<string> {
  const res = await fetch(`${gw.origin}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
  await res.body?.cancel();
  return res.headers.get('mcp-session-id')!;
}

/** `GET /mcp` of a session; the caller cancels the stream. */
const stream = (sid: string, accept?: string) =>
  fetch(`${gw.origin}/mcp`, {
    headers: {
      authorization: `Bearer ${gw.apiKey}`,
      'mcp-session-id': sid,
      ...(accept === undefined ? {} : { accept }),
    },
  });

describe("GET /mcp: the session's stream", () => {
  // fetch sends `Accept: */*` when none is given.
  it.each([['*/*'], ['text/*'], ['text/event-stream'], ['application/json, text/event-stream']])(
    'opens for Accept: %s (the SDK answered 406 to all but text/event-stream spelled out)',
    async (accept) => {
      const res = await stream(await openSession(), accept);
      expect(res.status).toBe(200);
      await expectContract(res, 'GET', '/mcp');
      await res.body?.cancel();
    },
  );

  it('is 406, as a JSON-RPC error, for an Accept that excludes event streams', async () => {
    const res = await stream(await openSession(), 'application/json');
    expect(res.status).toBe(406);
    const body = await expectContract<{ error: { message: string } }>(res, 'GET', '/mcp');
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(body.error.message).toContain('Accept: text/event-stream');
  });

  it('is 409 while the session already has its stream open, then opens again once it is closed', async () => {
    const sid = await openSession();
    const first = await stream(sid, 'text/event-stream');
    expect(first.status).toBe(200);
    const second = await stream(sid, 'text/event-stream');
    expect(second.status).toBe(409);
    const body = await expectContract<{ error: { message: string } }>(second, 'GET', '/mcp');
    expect(body.error.message).toContain('Only one SSE stream');
    await first.body?.cancel();
    // The server learns of the cancel asynchronously.
    await expect
      .poll(async () => {
        const again = await stream(sid, 'text/event-stream');
        await again.body?.cancel();
        return again.status;
      })
      .toBe(200);
  });
});
