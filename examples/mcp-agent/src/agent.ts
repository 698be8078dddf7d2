import { connectMcp, type McpTransportKind } from 'aigateway-js/mcp';
import { toolText } from './tool-text.js';

export interface McpAgentOptions {
  /** The chat model the `chat` tool should use. */
  model: string;
  prompt: string;
  /** Default: `AIGATEWAY_API_KEY`. */
  apiKey?: string;
  /** The REST base URL; MCP is served beside it (`…/v1` → `…/mcp`). Default: `AIGATEWAY_BASE_URL`, then the hosted API. */
  baseURL?: string;
  /** `streamable-http` (default) or the legacy `sse`. */
  transport?: McpTransportKind;
}

export interface McpAgentResult {
  tools: { name: string; description: string }[];
  answer: string;
}

/**
 * What an agent framework does with the gateway's MCP server: discover the tools, then call one.
 * `connectMcp` wires the official MCP client to `/mcp` with your key and typed HTTP errors.
 */
export async function runMcpAgent(options: McpAgentOptions): Promise<McpAgentResult> {
  const mcp = await connectMcp({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    transport: options.transport,
  });
  try {
    const tools = (await mcp.listTools()).map((t) => ({ name: t.name, description: t.description ?? '' }));
    const result = await mcp.callTool('chat', {
      model: options.model,
      messages: [{ role: 'user', content: options.prompt }],
    });
    return { tools, answer: toolText('chat', result) };
  } finally {
    await mcp.close();
  }
}
