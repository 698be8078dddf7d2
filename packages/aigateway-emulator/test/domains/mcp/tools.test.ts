import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpTools } from 'aigateway-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpClient, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
let client: Client;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
  client = await mcpClient(gw.origin, gw.apiKey);
});
afterAll(async () => {
  await client.close();
  await gw.close();
});

describe('MCP tools are the contract’s x-aig-mcp-tools', () => {
  it('tools/list is the contract’s names, descriptions and input schemas, in its order', async () => {
    const { tools } = await client.listTools();
    expect(tools).toEqual(
      mcpTools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
    );
  });

  it('an argument the tool’s schema does not declare is not sent on (chat stays JSON with stream: true)', async () => {
    const res = (await client.callTool({
      name: 'chat',
      arguments: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }], stream: true },
    })) as CallToolResult;
    expect(res.isError).toBeFalsy();
    expect((res.content[0] as { text: string }).text.length).toBeGreaterThan(0);
  });

  it('a path parameter comes from the arguments (get_job → GET /v1/jobs/{id})', async () => {
    const missing = (await client.callTool({
      name: 'get_job',
      arguments: { id: 'job_nope' },
    })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(missing.structuredContent).toMatchObject({ error: { code: 'not_found' } });
  });
});
