import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

// Bytes, so that fetch adds no Content-Type (a string body would be sent as text/plain).
const bytes = (body: unknown) =>
  new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gw.origin}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.apiKey}`, ...headers },
    body: bytes(body),
  });

const initialize = (protocolVersion: string) => ({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 't', version: '1' } },
});

describe('POST /mcp without a session', () => {
  it('answers tools/list as plain JSON: no initialize, no Accept, no Content-Type', async () => {
    const res = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const body = await res.json();
    expect(body.id).toBe(1);
    expect(body.result.tools.map((t: { name: string }) => t.name)).toContain('chat');
  });

  it('calls a tool, with curl -d’s form label or JSON', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
      const res = await post(
        {
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: {
            name: 'chat',
            arguments: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] },
          },
        },
        { 'content-type': type, accept: '*/*' },
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.result.isError).toBe(false);
      expect(body.result.content[0].text).toContain('openai/gpt-5.4');
    }
  });

  it('answers a batch, and a lone notification with 202', async () => {
    const batch = await post([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ]);
    expect(batch.status).toBe(200);
    expect((await batch.json()).map((m: { id: number }) => m.id).sort()).toEqual([1, 2]);
    const note = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(note.status).toBe(202);
  });

  it('refuses another media type with a JSON-RPC 415', async () => {
    const res = await post('<rpc/>', { 'content-type': 'application/xml' });
    expect(res.status).toBe(415);
    const body = await res.json();
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(body.error.message).toContain('Content-Type: application/json');
  });

  it('still opens sessions: with text/event-stream in Accept they stream, without it they answer JSON', async () => {
    const sse = await post(initialize('2025-03-26'), {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('mcp-session-id')).toBeTruthy();
    await sse.body?.cancel();

    const plain = await post(initialize('2025-03-26'));
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    const sid = plain.headers.get('mcp-session-id')!;
    expect(sid).toBeTruthy();
    const list = await post(
      { jsonrpc: '2.0', id: 5, method: 'tools/list' },
      { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-03-26' },
    );
    expect(list.status).toBe(200);
    expect((await list.json()).result.tools.length).toBeGreaterThan(0);
  });
});

describe('MCP protocol version negotiation', () => {
  const negotiated = async (requested: string, server = gw) => {
    const res = await fetch(`${server.origin}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}` },
      body: bytes(initialize(requested)),
    });
    return (await res.json()).result.protocolVersion as string;
  };

  it('speaks 2025-03-26 by default: newer or unknown requests get it, older ones keep theirs', async () => {
    expect(await negotiated('2025-03-26')).toBe('2025-03-26');
    expect(await negotiated('2025-11-25')).toBe('2025-03-26');
    expect(await negotiated('2025-06-18')).toBe('2025-03-26');
    expect(await negotiated('2099-01-01')).toBe('2025-03-26');
    expect(await negotiated('2024-11-05')).toBe('2024-11-05');
  });

  it('the official client settles on 2025-03-26', async () => {
    const client = new Client({ name: 'neg', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(`${gw.origin}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${gw.apiKey}` } },
    });
    await client.connect(transport);
    expect(transport.protocolVersion).toBe('2025-03-26');
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('refuses a request header naming a revision it does not speak, saying how to get it', async () => {
    const res = await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('--mcp-protocol 2025-11-25');
  });

  it('speaks a newer revision when started with mcpProtocolVersion', async () => {
    const newer = await startGateway({ mcpProtocolVersion: '2025-11-25' });
    try {
      expect(await negotiated('2025-11-25', newer)).toBe('2025-11-25');
      expect(await negotiated('2099-01-01', newer)).toBe('2025-11-25');
    } finally {
      await newer.close();
    }
    await expect(startGateway({ mcpProtocolVersion: '2099-01-01' })).rejects.toThrow(
      /must be one of .* \(got '2099-01-01'\)/,
    );
  });
});
