import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpClient, startGateway, type TestGateway } from '../../helpers.js';

// /mcp requests are in the request log, so the request id an MCP-layer tool error quotes (bad
// arguments, unknown tool) can be looked up with control.requests(), like any /v1 request id.
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const connect = (key: string, tag?: string): Promise<Client> => mcpClient(gw.origin, key, tag);

const quoted = async (client: Client, name: string, args: Record<string, unknown>) => {
  const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return (res.structuredContent as { error: { request_id: string } }).error.request_id;
};

describe('the request log holds /mcp requests', () => {
  it('a tool error’s request id names the /mcp request, with the key kind and tag', async () => {
    const client = await connect(gw.apiKey, 'agent');
    const unknownTool = await quoted(client, 'no_such_tool', {});
    const badArgs = await quoted(client, 'chat', { model: 'openai/gpt-5.4' });
    for (const id of [unknownTool, badArgs]) {
      expect(gw.control.requests().find((r) => r.id === id)).toMatchObject({
        method: 'POST',
        path: '/mcp',
        status: 200,
        key: 'top_level',
        sub_account_id: null,
        tag: 'agent',
        model: null,
        endpoint: '/mcp',
        body: { jsonrpc: '2.0', method: 'tools/call' },
      });
    }
    await client.close();
  });

  it('a sub-account key is logged as such; a request without a valid key as a 401 with no key', async () => {
    const sub = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'mcp-log' } })).json();
    const client = await connect(sub.key);
    const id = await quoted(client, 'no_such_tool', {});
    expect(gw.control.requests().find((r) => r.id === id)).toMatchObject({
      path: '/mcp',
      key: 'sub_account',
      sub_account_id: sub.id,
    });
    await client.close();

    const denied = await gw.call('POST', '/mcp', {
      key: 'sk-aig-wrong',
      body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(denied.status).toBe(401);
    const record = gw.control.requests().find((r) => r.id === denied.headers.get('x-request-id'));
    expect(record).toMatchObject({ method: 'POST', path: '/mcp', status: 401, key: null });
    expect(JSON.stringify(gw.control.requests())).not.toContain('sk-aig-wrong');
  });

  it('the legacy transport’s requests are logged too, and an MCP request id is not replayable', async () => {
    const sse = await gw.call('GET', '/mcp/sse');
    const sseId = sse.headers.get('x-request-id');
    await sse.body?.cancel();
    expect(gw.control.requests().find((r) => r.id === sseId)).toMatchObject({
      method: 'GET',
      path: '/mcp/sse',
      status: 200,
      key: 'top_level',
    });
    const replay = await gw.call('POST', '/v1/replays', {
      body: { source_request_id: sseId, target_model: 'openai/gpt-5.4' },
    });
    expect(replay.status).toBe(400);
    expect((await replay.json()).error.message).toContain('is not a model call');
  });

  it('/v1 requests record the key kind the same way', async () => {
    const sub = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'v1-log' } })).json();
    const kindOf = async (key: string) => {
      const res = await gw.call('GET', '/v1/models', { key });
      return gw.control.requests().find((r) => r.id === res.headers.get('x-request-id'))?.key;
    };
    expect(await kindOf(gw.apiKey)).toBe('top_level');
    expect(await kindOf(sub.key)).toBe('sub_account');
    expect(await kindOf('sk-aig-wrong')).toBeNull();
  });
});
