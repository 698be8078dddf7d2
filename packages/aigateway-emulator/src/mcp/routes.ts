import { randomUUID } from 'node:crypto';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Hono } from 'hono';
import { keyKind } from '../domains/requests.js';
import { consolePage } from '../control/console.js';
import type { AppEnv, RequestState } from '../http/context.js';
import { createMcpServer, type McpContext } from './server.js';
import { WebSseServerTransport } from './sse-transport.js';
import { mcpBodyLimit, readMcpBody, rpcError } from './transport-errors.js';

const MAX_SESSIONS = 256;

/** Open MCP sessions (Streamable HTTP and legacy SSE), closed together when the emulator closes. */
export class McpSessions {
  private readonly streamable = new Map<
    string,
    { transport: WebStandardStreamableHTTPServerTransport; server: McpServer }
  >();
  private readonly legacy = new Map<string, { transport: WebSseServerTransport; server: McpServer }>();

  constructor(private readonly ctx: McpContext) {}

  async handleStreamable(request: Request, auth: AuthInfo): Promise<Response> {
    const sid = request.headers.get('mcp-session-id');
    if (sid) {
      const session = this.streamable.get(sid);
      if (!session)
        return rpcError(
          404,
          -32001,
          'Session not found; send a new initialize request without Mcp-Session-Id.',
        );
      return session.transport.handleRequest(request, { authInfo: auth });
    }
    if (request.method !== 'POST')
      return rpcError(
        400,
        -32000,
        'Bad Request: Mcp-Session-Id header is required; send the id returned by initialize.',
      );
    const server = createMcpServer(this.ctx);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.streamable.set(id, { transport, server });
        this.evictOldest(this.streamable);
      },
      onsessionclosed: (id) => void this.streamable.delete(id),
    });
    await server.connect(transport);
    return transport.handleRequest(request, { authInfo: auth });
  }

  async openLegacy(headers: Record<string, string>, keepaliveMs: number): Promise<Response> {
    const server = createMcpServer(this.ctx);
    const transport = new WebSseServerTransport('/mcp/messages', keepaliveMs, headers);
    transport.onclose = () => void this.legacy.delete(transport.sessionId);
    this.legacy.set(transport.sessionId, { transport, server });
    this.evictOldest(this.legacy);
    await server.connect(transport);
    return transport.response;
  }

  async postLegacy(sessionId: string, body: unknown, auth: AuthInfo): Promise<Response> {
    const session = this.legacy.get(sessionId);
    if (!session) return rpcError(404, -32001, 'Session not found; open a new one with GET /mcp/sse.');
    const parsed = JSONRPCMessageSchema.safeParse(body);
    if (!parsed.success)
      return rpcError(400, -32700, 'Parse error: the body must be one JSON-RPC 2.0 message.');
    session.transport.receive(parsed.data, auth);
    return new Response('Accepted', { status: 202, headers: { 'content-type': 'text/plain' } });
  }

  /** Clients often leave without ending their session: keep the newest sessions only. */
  private evictOldest(sessions: Map<string, { server: McpServer }>): void {
    if (sessions.size <= MAX_SESSIONS) return;
    const [id, oldest] = sessions.entries().next().value!;
    sessions.delete(id);
    void oldest.server.close();
  }

  async close(): Promise<void> {
    const all = [...this.streamable.values(), ...this.legacy.values()];
    this.streamable.clear();
    this.legacy.clear();
    await Promise.allSettled(all.map((s) => s.server.close()));
  }
}

function authInfo(state: RequestState, request: Request): AuthInfo {
  const principal = state.core.accounts.authenticate(request.headers.get('authorization'));
  state.principal = principal;
  state.key = keyKind(principal);
  state.tag = request.headers.get('x-aig-tag');
  const token = /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  return {
    token,
    clientId: principal.subAccountId ?? 'account',
    scopes: [],
    extra: {
      origin: state.origin,
      tag: request.headers.get('x-aig-tag') ?? undefined,
      // Quoted by errors raised in the MCP layer itself (bad tool arguments).
      requestId: state.requestId,
    },
  };
}

/** `/mcp` (Streamable HTTP), `/mcp/sse` + `/mcp/messages` (legacy SSE) and `/mcp/inspect`. */
export function mcpRoutes(app: Hono<AppEnv>, sessions: McpSessions): void {
  app.on(['GET', 'POST', 'DELETE'], '/mcp', async (c) => {
    const auth = authInfo(c.env, c.req.raw);
    if (c.req.method !== 'POST') return sessions.handleStreamable(c.req.raw, auth);
    // The emulator's limit applies before the SDK's own 4 MiB; the SDK reads the checked bytes.
    const body = await readMcpBody(c.req.raw, c.env.preread, mcpBodyLimit(c.env.core.options.maxBodyBytes));
    if (body instanceof Response) return body;
    const { url, headers } = c.req.raw;
    return sessions.handleStreamable(
      new Request(url, { method: 'POST', headers, body: body as Uint8Array<ArrayBuffer> }),
      auth,
    );
  });
  app.get('/mcp/sse', (c) => {
    authInfo(c.env, c.req.raw);
    return sessions.openLegacy({ 'x-request-id': c.env.requestId }, c.env.core.options.keepaliveMs);
  });
  app.post('/mcp/messages', async (c) => {
    const auth = authInfo(c.env, c.req.raw);
    const bytes = await readMcpBody(c.req.raw, c.env.preread, mcpBodyLimit(c.env.core.options.maxBodyBytes));
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
  app.get('/mcp/inspect', () => consolePage('inspector'));
}
