import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpAgentResult } from './agent.js';
import { toolText } from './tool-text.js';

export interface RawMcpOptions {
  model: string;
  prompt: string;
  apiKey: string;
  /** The REST base URL, e.g. https://api.aigateway.sh/v1. */
  baseURL: string;
}

/** `https://api.aigateway.sh/v1` → `https://api.aigateway.sh/mcp` (the MCP server sits beside /v1). */
export function mcpUrl(baseURL: string): URL {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}/mcp`;
  return url;
}

/** The same agent with only the official `@modelcontextprotocol/sdk` client: any MCP client works. */
export async function runRawMcpAgent(options: RawMcpOptions): Promise<McpAgentResult> {
  const transport = new StreamableHTTPClientTransport(mcpUrl(options.baseURL), {
    requestInit: { headers: { Authorization: `Bearer ${options.apiKey}` } },
  });
  const client = new Client({ name: 'mcp-agent-example', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const result = (await client.callTool({
      name: 'chat',
      arguments: { model: options.model, messages: [{ role: 'user', content: options.prompt }] },
    })) as CallToolResult;
    return {
      tools: tools.map((t) => ({ name: t.name, description: t.description ?? '' })),
      answer: toolText('chat', result),
    };
  } finally {
    await client.close();
  }
}
