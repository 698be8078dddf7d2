import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  type CallToolResult,
  CallToolRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

/** How a tool error carries the gateway's envelope: as its JSON text, or named in prose. */
export type ErrorStyle = 'json-text' | 'named';

interface Envelope {
  error: { type: string; code: string; message: string };
}

function toolError(style: ErrorStyle, status: number, body: string): CallToolResult {
  const envelope = JSON.parse(body) as Envelope;
  if (style === 'json-text') return { isError: true, content: [{ type: 'text', text: body }] };
  const { type, message } = envelope.error;
  return { isError: true, content: [{ type: 'text', text: `HTTP ${status} ${type}: ${message}` }] };
}

function mcpServer(style: ErrorStyle, v1: string): Server {
  const server = new Server({ name: 'envelope-mcp', version: '0.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      {
        name: 'chat',
        description: 'Chat with any chat model.',
        inputSchema: {
          type: 'object',
          properties: { model: { type: 'string' }, messages: { type: 'array' } },
        },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    // What the MCP SDK's own McpServer answers for an unknown tool: bare text, no gateway error in it.
    if (request.params.name !== 'chat') {
      const text = `MCP error -32602: Tool ${request.params.name} not found`;
      return { isError: true, content: [{ type: 'text', text }] };
    }
    const res = await fetch(`${v1}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${extra.authInfo?.token ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(request.params.arguments ?? {}),
    });
    const body = await res.text();
    if (!res.ok) return toolError(style, res.status, body);
    const completion = JSON.parse(body) as { choices: Array<{ message: { content: string } }> };
    return { content: [{ type: 'text', text: completion.choices[0]?.message.content ?? '' }] };
  });
  return server;
}

/** A running {@link startEnvelopeMcp} server. */
export interface EnvelopeMcp {
  /** The REST base URL whose MCP endpoint (`…/mcp`) answers tool errors in `style`. */
  baseURL(style: ErrorStyle): string;
  close(): Promise<void>;
}

/**
 * An MCP endpoint on 127.0.0.1 (the official SDK's server, stateless Streamable HTTP) whose one tool, `chat`,
 * runs on the emulator at `v1` with the caller's key, and whose tool errors carry the emulator's own error
 * envelope in the chosen style (`/<style>/mcp`). The emulator's own tools put the envelope in
 * `structuredContent` (test/e2e/mcp.test.ts); this stands for a gateway that has only a text part for it.
 * Any other tool name gets the bare-text error the MCP SDK's McpServer sends, which carries no gateway error.
 */
export async function startEnvelopeMcp(v1: string): Promise<EnvelopeMcp> {
  const http = createServer(
    (req: IncomingMessage & { auth?: { token: string; clientId: string; scopes: string[] } }, res) => {
      const style = /^\/(json-text|named)\/mcp$/.exec(req.url ?? '')?.[1] as ErrorStyle | undefined;
      if (!style) {
        res.writeHead(404).end();
        return;
      }
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      req.auth = { token, clientId: 'cli-test', scopes: [] };
      const server = mcpServer(style, v1);
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      server
        .connect(transport)
        .then(() => transport.handleRequest(req, res))
        .catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
        });
    },
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    baseURL: (style) => `http://127.0.0.1:${port}/${style}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
