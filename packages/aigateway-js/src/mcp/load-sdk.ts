import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ConfigurationError } from '../core/errors.js';

export interface McpSdk {
  Client: typeof Client;
  StreamableHTTPClientTransport: typeof StreamableHTTPClientTransport;
  SSEClientTransport: typeof SSEClientTransport;
}

const INSTALL =
  'aigateway-js/mcp uses the official MCP SDK, an optional peer dependency that is not installed: ' +
  'run `npm install @modelcontextprotocol/sdk@1` (or `pnpm add @modelcontextprotocol/sdk@1`).';

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Loads the peer dependency on first use, so that importing aigateway-js never requires it. */
export async function loadMcpSdk(): Promise<McpSdk> {
  try {
    const [client, streamable, sse] = await Promise.all([
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/client/sse.js'),
    ]);
    return {
      Client: client.Client,
      StreamableHTTPClientTransport: streamable.StreamableHTTPClientTransport,
      SSEClientTransport: sse.SSEClientTransport,
    };
  } catch (error) {
    if (isMissingModule(error)) throw new ConfigurationError(INSTALL);
    throw error;
  }
}
