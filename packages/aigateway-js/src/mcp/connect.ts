import { DEFAULT_BASE_URL } from 'aigateway-contract';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { ConfigurationError } from '../core/errors.js';
import { readEnv } from '../internal/env.js';
import { VERSION } from '../version.js';
import { mcpEndpoint, type McpTransportKind } from './endpoint.js';
import { httpErrorTranslator } from './http-errors.js';
import { loadMcpSdk } from './load-sdk.js';

/** Options of `connectMcp`. */
export interface ConnectMcpOptions {
  /** Your AIgateway key (`sk-aig-…`). Default: the `AIGATEWAY_API_KEY` environment variable. */
  apiKey?: string;
  /**
   * The REST base URL; MCP is served beside it (`…/v1` → `…/mcp`). Default: the
   * `AIGATEWAY_BASE_URL` environment variable, then `https://api.aigateway.sh/v1`.
   */
  baseURL?: string;
  /** `streamable-http` (default; MCP 2025-03-26) or the legacy `sse` transport (`/mcp/sse`). */
  transport?: McpTransportKind;
  /** A fetch implementation for every MCP request (tests, proxies). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra headers sent with every MCP request. */
  headers?: Record<string, string>;
}

/** Connect with the key and base URL of an existing client (any object that has both). */
export interface ConnectMcpWithClient {
  client: { readonly apiKey: string; readonly baseURL: string };
}

/** A connected MCP session with the gateway: one tool per capability (`chat`, `generate_video`, …). */
export interface AIgatewayMcp {
  /** Every tool the gateway offers (all pages). */
  listTools(): Promise<Tool[]>;
  /** Calls a tool; a tool-level failure comes back as a result with `isError: true`, as MCP defines. */
  callTool(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Ends the session and closes the transport. */
  close(): Promise<void>;
  /** The official MCP SDK `Client`, for everything else (prompts, resources, notifications). */
  client: Client;
}

function resolve(input: ConnectMcpOptions | ConnectMcpWithClient) {
  const options: ConnectMcpOptions = 'client' in input ? input.client : input;
  const apiKey = options.apiKey ?? readEnv('AIGATEWAY_API_KEY');
  if (!apiKey) {
    throw new ConfigurationError(
      'Missing API key for MCP: pass `apiKey` to `connectMcp({ apiKey })` or set the AIGATEWAY_API_KEY ' +
        'environment variable.',
    );
  }
  const transport = options.transport ?? 'streamable-http';
  if (transport !== 'streamable-http' && transport !== 'sse') {
    throw new ConfigurationError(`transport must be "streamable-http" or "sse", got "${String(transport)}".`);
  }
  const baseURL = options.baseURL ?? readEnv('AIGATEWAY_BASE_URL') ?? DEFAULT_BASE_URL;
  return {
    apiKey,
    transport,
    url: mcpEndpoint(baseURL, transport),
    fetch: options.fetch,
    headers: options.headers,
  };
}

/**
 * Connects to the gateway's MCP server (`/mcp`) with your key, through the official
 * `@modelcontextprotocol/sdk` client (an optional peer dependency: install it to use this).
 *
 * @example
 * ```ts
 * import { connectMcp } from 'aigateway-js/mcp';
 * const mcp = await connectMcp(); // AIGATEWAY_API_KEY
 * const tools = await mcp.listTools();
 * const result = await mcp.callTool('list_models', {});
 * await mcp.close();
 * ```
 */
export async function connectMcp(
  input: ConnectMcpOptions | ConnectMcpWithClient = {},
): Promise<AIgatewayMcp> {
  const { apiKey, transport, url, fetch, headers } = resolve(input);
  const sdk = await loadMcpSdk();
  const http = httpErrorTranslator(fetch, url, [apiKey]);
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw http.translate(error);
    }
  };
  const options = {
    requestInit: { headers: { ...headers, authorization: `Bearer ${apiKey}` } },
    fetch: http.fetch,
  };
  const client = new sdk.Client({ name: 'aigateway-js', version: VERSION });
  const connection =
    transport === 'sse'
      ? new sdk.SSEClientTransport(url, options)
      : new sdk.StreamableHTTPClientTransport(url, options);
  await guarded(() => client.connect(connection));
  return {
    client,
    listTools: () =>
      guarded(async () => {
        const tools: Tool[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor === undefined ? undefined : { cursor });
          tools.push(...page.tools);
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return tools;
      }),
    callTool: (name, args = {}) =>
      guarded(async () => (await client.callTool({ name, arguments: args })) as CallToolResult),
    close: () => client.close(),
  };
}
