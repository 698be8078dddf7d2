import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/emulator.js';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

// MCP messages get the emulator's maxBodyBytes, capped at the transport's 4 MiB, on both
// transports, answered as the contract's McpPayloadTooLarge: a JSON-RPC error with `id: null`.
const LIMIT = 64 * 1024;
const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** A JSON-RPC message padded with trailing spaces (still valid JSON) to exactly `size` bytes. */
function message(size: number, method = 'initialize'): string {
  const params =
    method === 'initialize'
      ? { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'limits', version: '1' } }
      : {};
  const text = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return text + ' '.repeat(size - Buffer.byteLength(text));
}

/** Opens a legacy SSE session; returns the message path and a function closing the stream. */
async function legacySession(gw: TestGateway): Promise<{ path: string; close: () => Promise<void> }> {
  const res = await gw.call('GET', '/mcp/sse');
  const reader = res.body!.getReader();
  let text = '';
  while (!/data: (\S+)/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  return { path: /data: (\S+)/.exec(text)![1]!, close: () => reader.cancel() };
}

async function expectTooLarge(res: Response, template: string, fragment: string) {
  expect(res.status).toBe(413);
  const body = await expectContract<{ id: unknown; error: { code: number; message: string } }>(
    res,
    'POST',
    template,
  );
  expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
  expect(body.error.message).toContain(fragment);
  expect(body.error.message).toContain('send smaller tool arguments');
}

describe('MCP messages over maxBodyBytes', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ maxBodyBytes: LIMIT });
  });
  afterAll(() => gw.close());

  it('POST /mcp: one byte over the limit is a 413 JSON-RPC error; at the limit the message is served', async () => {
    const over = await gw.call('POST', '/mcp', { raw: message(LIMIT + 1), headers: MCP_HEADERS });
    await expectTooLarge(over, '/mcp', '65,537 bytes, over the 64 KiB limit (65,536 bytes)');
    const at = await gw.call('POST', '/mcp', { raw: message(LIMIT), headers: MCP_HEADERS });
    expect(at.status).toBe(200);
    expect(at.headers.get('mcp-session-id')).toBeTruthy();
    await at.body?.cancel();
  });

  it('POST /mcp without Content-Length (chunked) is refused while reading', async () => {
    const bytes = new TextEncoder().encode(message(LIMIT + 1));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
        controller.close();
      },
    });
    const res = await fetch(`${gw.origin}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, authorization: `Bearer ${gw.apiKey}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(res, '/mcp', 'over the 64 KiB limit');
  });

  it('POST /mcp/messages (legacy SSE): over the limit is a 413, at the limit a 202', async () => {
    const session = await legacySession(gw);
    try {
      const over = await gw.call('POST', session.path, {
        raw: message(LIMIT + 1, 'tools/list'),
        headers: { 'content-type': 'application/json' },
      });
      await expectTooLarge(over, '/mcp/messages', '65,537 bytes');
      const at = await gw.call('POST', session.path, {
        raw: message(LIMIT, 'tools/list'),
        headers: { 'content-type': 'application/json' },
      });
      expect(at.status).toBe(202);
    } finally {
      await session.close();
    }
  });
});

describe('MCP messages over the transport’s 4 MiB (default maxBodyBytes is 25 MiB)', () => {
  const MIB4 = 4 * 1024 * 1024;
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('both transports answer 413 just over 4 MiB', async () => {
    const body = message(MIB4 + 1, 'tools/list');
    await expectTooLarge(
      await gw.call('POST', '/mcp', { raw: message(MIB4 + 1), headers: MCP_HEADERS }),
      '/mcp',
      '4,194,305 bytes, over the 4 MiB limit',
    );
    const session = await legacySession(gw);
    try {
      const res = await gw.call('POST', session.path, {
        raw: body,
        headers: { 'content-type': 'application/json' },
      });
      await expectTooLarge(res, '/mcp/messages', '4,194,305 bytes');
    } finally {
      await session.close();
    }
  });
});

describe('MCP body limit without a server (createEmulator, as msw serves it)', () => {
  it('reads the web stream up to the limit and answers 413', async () => {
    const emulator = createEmulator({ maxBodyBytes: 1024 });
    try {
      const res = await emulator.fetch(
        new Request('http://local/mcp', {
          method: 'POST',
          headers: { ...MCP_HEADERS, authorization: `Bearer ${emulator.apiKey}` },
          body: message(1025),
        }),
      );
      // No Content-Length on a web Request with a string body: the size is only known to be over.
      await expectTooLarge(res, '/mcp', 'is over the 1 KiB limit (1,024 bytes)');
    } finally {
      await emulator.close();
    }
  });
});
