import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { type Chain, operationRoutes } from '../../http/routes.js';
import { consolePage } from '../control/console.js';
import type { McpSessions } from './sessions.js';
import { mcpBodyLimit, readMcpBody, rpcError } from './transport-errors.js';

/** The caller as the MCP SDK hands it to tools: the key the middleware checked, and where to send their calls. */
function authInfo(c: Context<AppEnv>): AuthInfo {
  const token = /^Bearer\s+(\S+)/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  return {
    token,
    clientId: c.var.principal.subAccountId ?? 'account',
    scopes: [],
    extra: {
      origin: c.var.origin,
      tag: c.var.tag ?? undefined,
      // Quoted by errors raised in the MCP layer itself (bad tool arguments).
      requestId: c.var.requestId,
    },
  };
}

export interface McpOptions {
  maxBodyBytes: number;
  keepaliveMs: number;
}

/** `/mcp` (Streamable HTTP), `/mcp/sse` + `/mcp/messages` (legacy SSE) and `/mcp/inspect`. */
export function mcpRoutes(sessions: McpSessions, options: McpOptions, chain: Chain): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const route = operationRoutes(app, chain);
  const limit = mcpBodyLimit(options.maxBodyBytes);

  const streamable = (c: Context<AppEnv>) => sessions.handleStreamable(c.req.raw, authInfo(c));
  route('openMcpStream', streamable);
  route('deleteMcpSession', streamable);
  route('postMcpMessage', async (c) => {
    // The emulator's limit applies before the SDK's own 4 MiB; the SDK reads the checked bytes.
    const body = await readMcpBody(c.req.raw, c.env.preread, limit);
    if (body instanceof Response) return body;
    c.set('rawBody', body);
    const { url, headers } = c.req.raw;
    return sessions.handleStreamable(
      new Request(url, { method: 'POST', headers, body: body as Uint8Array<ArrayBuffer> }),
      authInfo(c),
    );
  });
  route('openMcpLegacySse', (c) =>
    sessions.openLegacy({ 'x-request-id': c.var.requestId }, options.keepaliveMs),
  );
  route('postMcpLegacyMessage', async (c) => {
    const auth = authInfo(c);
    const bytes = await readMcpBody(c.req.raw, c.env.preread, limit);
    if (bytes instanceof Response) return bytes;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      return rpcError(400, -32700, 'Parse error: the body must be JSON.');
    }
    return sessions.postLegacy(c.req.query('sessionId') ?? '', body, auth);
  });
  // The console's inspector on its own; it connects with the key typed into it.
  route('getMcpInspector', () => consolePage('inspector'));
  return app;
}
