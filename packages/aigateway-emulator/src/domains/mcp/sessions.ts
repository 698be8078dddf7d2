import { randomUUID } from 'node:crypto';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, type McpContext } from './server.js';
import { WebSseServerTransport } from './sse-transport.js';
import { rpcError } from './transport-errors.js';

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
