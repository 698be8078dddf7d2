import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { type Context, Hono } from 'hono';
import { mediaType, readsAsJson } from '../../http/content-type.js';
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
      // Whose files an own audio_url may read (the caller's, or any with the top-level key).
      subAccountId: c.var.principal.subAccountId,
      tag: c.var.tag ?? undefined,
      // Quoted by errors raised in the MCP layer itself (bad tool arguments).
      requestId: c.var.requestId,
    },
  };
}

/** A message body as JSON, or the JSON-RPC error (415, parse error) MCP clients expect. */
function parseRpc(bytes: Uint8Array, type: string | undefined): unknown {
  if (!readsAsJson(type))
    return rpcError(
      415,
      -32000,
      `Unsupported Media Type: send the JSON-RPC message as JSON with Content-Type: application/json (got ${mediaType(type)}).`,
    );
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return rpcError(400, -32700, 'Parse error: the body must be JSON (one JSON-RPC 2.0 message or a batch).');
  }
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

  const session = (c: Context<AppEnv>) => sessions.handleSession(c.req.raw, authInfo(c));
  route('openMcpStream', session);
  route('deleteMcpSession', session);
  route('postMcpMessage', async (c) => {
    // The emulator's limit applies before the SDK's own 4 MiB.
    const bytes = await readMcpBody(c.req.raw, c.env.preread, limit);
    if (bytes instanceof Response) return bytes;
    c.set('rawBody', bytes);
    const body = parseRpc(bytes, c.req.header('content-type'));
    return body instanceof Response ? body : sessions.post(c.req.raw, body, authInfo(c));
  });
  route('openMcpLegacySse', (c) =>
    // HEAD (served by the GET route) describes the stream without opening a session.
    c.req.method === 'HEAD'
      ? new Response(null, { headers: { 'content-type': 'text/event-stream' } })
      : sessions.openLegacy({ 'x-request-id': c.var.requestId }, options.keepaliveMs, authInfo(c)),
  );
  route('postMcpLegacyMessage', async (c) => {
    const auth = authInfo(c);
    const bytes = await readMcpBody(c.req.raw, c.env.preread, limit);
    if (bytes instanceof Response) return bytes;
    const body = parseRpc(bytes, c.req.header('content-type'));
    return body instanceof Response ? body : sessions.postLegacy(c.req.query('sessionId') ?? '', body, auth);
  });
  // The console's inspector on its own; it connects with the key typed into it.
  route('getMcpInspector', () => consolePage('inspector'));
  return app;
}
