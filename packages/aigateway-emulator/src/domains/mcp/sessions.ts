import { randomUUID } from 'node:crypto';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readMessages } from './messages.js';
import { MCP_PROTOCOLS, negotiate, supportedProtocols } from './protocol.js';
import { sha256Hex } from '../../util/hash.js';
import { createMcpServer, type McpContext } from './server.js';
import { WebSseServerTransport } from './sse-transport.js';
import { rpcError } from './transport-errors.js';
import { accepts } from '../../http/content-type.js';

/** Open sessions one key may hold; its oldest is closed past this (clients often leave without ending theirs). */
export const MAX_SESSIONS_PER_KEY = 32;

/** Who owns a session: a hash of the key that opened it (the key itself is never kept). */
const ownerOf = (auth: AuthInfo | undefined) => sha256Hex(auth?.token ?? '');

interface Session<T> {
  transport: T;
  server: McpServer;
  owner: string;
}

/** An `initialize` request with its `protocolVersion` replaced by the one this server answers (the SDK echoes it). */
function negotiated(message: JSONRPCMessage, supported: readonly string[]): JSONRPCMessage {
  if (!isInitializeRequest(message)) return message;
  const protocolVersion = negotiate(message.params.protocolVersion, supported);
  return { ...message, params: { ...message.params, protocolVersion } };
}

/**
 * The request as the SDK's transport expects it. The body was read and checked already (it goes
 * in as `parsedBody`); the SDK's own Accept and Content-Type checks (406, 415) would refuse the
 * guide's `curl -d` commands, and the answer's type is decided here instead.
 */
function forTransport(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('accept', 'application/json, text/event-stream');
  headers.set('content-type', 'application/json');
  return new Request(request.url, { method: request.method, headers });
}

/** A client that lists `text/event-stream` gets streams; others (curl's `*\/*`, none) plain JSON. */
const wantsStreams = (request: Request) => /text\/event-stream/i.test(request.headers.get('accept') ?? '');

/**
 * Open MCP sessions (Streamable HTTP and legacy SSE), closed together when the emulator closes.
 * Each is bound to the key that opened it: another key using its id gets the 404 of an unknown
 * session, and each key's sessions are capped on their own, so one tenant cannot evict another's.
 * A `POST /mcp` without a session that is not `initialize` is answered on its own, as JSON.
 */
export class McpSessions {
  private readonly streamable = new Map<string, Session<WebStandardStreamableHTTPServerTransport>>();
  private readonly legacy = new Map<string, Session<WebSseServerTransport>>();
  private readonly supported: readonly string[];

  /** `protocolVersion`: the newest MCP revision the server speaks (it speaks the older ones too). */
  constructor(
    private readonly ctx: McpContext,
    protocolVersion: string,
  ) {
    this.supported = supportedProtocols(protocolVersion);
  }

  /** A request's `Mcp-Protocol-Version` that this server does not speak: 400, naming what it does. */
  private unsupportedVersion(request: Request): Response | undefined {
    const version = request.headers.get('mcp-protocol-version');
    if (version === null || this.supported.includes(version)) return undefined;
    const flag = MCP_PROTOCOLS.includes(version)
      ? ` (the emulator speaks it when started with --mcp-protocol ${version})`
      : '';
    return rpcError(
      400,
      -32000,
      `Bad Request: Unsupported protocol version: ${version}${flag}; this server speaks ${this.supported.join(', ')}. Send the version initialize returned.`,
    );
  }

  /** `GET /mcp` (the session's stream) and `DELETE /mcp` (its end). */
  async handleSession(request: Request, auth: AuthInfo): Promise<Response> {
    const bad = this.unsupportedVersion(request);
    if (bad) return bad;
    const sid = request.headers.get('mcp-session-id');
    const session = sid === null ? undefined : this.ownSession(this.streamable, sid, auth);
    if (sid === null)
      return rpcError(
        400,
        -32000,
        'Bad Request: Mcp-Session-Id header is required; send the id returned by initialize.',
      );
    if (!session) return sessionNotFound();
    if (request.method === 'DELETE') return session.transport.handleRequest(request, { authInfo: auth });
    // The SDK wants `text/event-stream` spelled out; HTTP lets `*/*` (curl's) or no Accept mean it too.
    if (!accepts(request.headers.get('accept'), 'text/event-stream'))
      return rpcError(
        406,
        -32000,
        'Not Acceptable: this is an SSE stream; send Accept: text/event-stream (or none).',
      );
    // HEAD (served by the GET route) describes the stream without opening it.
    if (request.method === 'HEAD')
      return new Response(null, { headers: { 'content-type': 'text/event-stream' } });
    const headers = new Headers(request.headers);
    headers.set('accept', 'text/event-stream');
    return session.transport.handleRequest(new Request(request.url, { headers, signal: request.signal }), {
      authInfo: auth,
    });
  }

  /** `POST /mcp` with its body, parsed: in its session, a new session (`initialize`), or on its own. */
  async post(request: Request, body: unknown, auth: AuthInfo): Promise<Response> {
    const bad = this.unsupportedVersion(request);
    if (bad) return bad;
    // An unknown session is a 404 whatever the body (the client must start over either way).
    const sid = request.headers.get('mcp-session-id');
    const session = sid === null ? undefined : this.ownSession(this.streamable, sid, auth);
    if (sid !== null && !session) return sessionNotFound();
    const read = readMessages('postMcpMessage', body);
    if (read instanceof Response) return read;
    const parsedBody = Array.isArray(read)
      ? read.map((m) => negotiated(m, this.supported))
      : negotiated(read, this.supported);
    const forward = forTransport(request);
    if (session) return session.transport.handleRequest(forward, { authInfo: auth, parsedBody });
    const messages = Array.isArray(parsedBody) ? parsedBody : [parsedBody];
    if (!messages.some(isInitializeRequest)) return this.answerAlone(forward, parsedBody, auth);
    const server = createMcpServer(this.ctx);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: !wantsStreams(request),
      onsessioninitialized: (id) => {
        this.streamable.set(id, { transport, server, owner: ownerOf(auth) });
        this.evictOldest(this.streamable, ownerOf(auth));
      },
      onsessionclosed: (id) => void this.streamable.delete(id),
    });
    await server.connect(transport);
    return transport.handleRequest(forward, { authInfo: auth, parsedBody });
  }

  /**
   * A message without a session (the guide's `curl … -d '{"method":"tools/list"}'`): a server of
   * its own answers it as `application/json` and is closed; nothing is kept.
   */
  private async answerAlone(request: Request, parsedBody: unknown, auth: AuthInfo): Promise<Response> {
    const server = createMcpServer(this.ctx);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { authInfo: auth, parsedBody });
    } finally {
      void server.close();
    }
  }

  async openLegacy(headers: Record<string, string>, keepaliveMs: number, auth: AuthInfo): Promise<Response> {
    const server = createMcpServer(this.ctx);
    const owner = ownerOf(auth);
    const transport = new WebSseServerTransport('/mcp/messages', keepaliveMs, headers);
    transport.onclose = () => void this.legacy.delete(transport.sessionId);
    this.legacy.set(transport.sessionId, { transport, server, owner });
    this.evictOldest(this.legacy, owner);
    await server.connect(transport);
    return transport.response;
  }

  async postLegacy(sessionId: string, body: unknown, auth: AuthInfo): Promise<Response> {
    const session = this.ownSession(this.legacy, sessionId, auth);
    if (!session) return rpcError(404, -32001, 'Session not found; open a new one with GET /mcp/sse.');
    const message = readMessages('postMcpLegacyMessage', body);
    if (message instanceof Response) return message;
    session.transport.receive(negotiated(message, this.supported), auth);
    return new Response('Accepted', { status: 202, headers: { 'content-type': 'text/plain' } });
  }

  /** A session of the caller's key; another key's answers as unknown (its existence is not confirmed). */
  private ownSession<T>(
    sessions: Map<string, Session<T>>,
    id: string,
    auth: AuthInfo,
  ): Session<T> | undefined {
    const session = sessions.get(id);
    return session && session.owner === ownerOf(auth) ? session : undefined;
  }

  /** Clients often leave without ending their session: keep each key's newest sessions only. */
  private evictOldest(sessions: Map<string, Session<unknown>>, owner: string): void {
    const own = [...sessions].filter(([, s]) => s.owner === owner);
    for (const [id, oldest] of own.slice(0, Math.max(0, own.length - MAX_SESSIONS_PER_KEY))) {
      sessions.delete(id);
      void oldest.server.close();
    }
  }

  async close(): Promise<void> {
    const all = [...this.streamable.values(), ...this.legacy.values()];
    this.streamable.clear();
    this.legacy.clear();
    await Promise.allSettled(all.map((s) => s.server.close()));
  }
}

const sessionNotFound = () =>
  rpcError(404, -32001, 'Session not found; send a new initialize request without Mcp-Session-Id.');
