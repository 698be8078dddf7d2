import { createParser } from 'eventsource-parser';

/**
 * A minimal MCP client for the inspector: JSON-RPC over the Streamable HTTP transport (one
 * session, closed with DELETE) or the legacy HTTP+SSE transport. The official SDK client bundles
 * to ~316 kB minified (~93 kB gzipped, most of it ajv and zod); this is a few kB and does what an
 * inspector needs: initialize, tools/list, tools/call, and a log of every message with timings.
 */

export type TransportKind = 'streamable-http' | 'sse';
export const PROTOCOL_VERSION = '2025-03-26';

export type JsonRpcId = number | string;
export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: JsonRpcId | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** One line of the message log. `ms` is the round trip, on responses. */
export interface LogEntry {
  seq: number;
  at: number;
  direction: 'out' | 'in' | 'note';
  transport: TransportKind;
  method?: string;
  id?: JsonRpcId | null;
  ms?: number;
  message: unknown;
}

export interface Tool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | {
      type: 'resource_link';
      uri: string;
      name?: string;
      title?: string;
      description?: string;
      mimeType?: string;
    }
  | {
      type: 'resource';
      resource: { uri: string; mimeType?: string; text?: string; blob?: string };
    };

export interface CallToolResult {
  content: ContentPart[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A JSON-RPC error answered by the server, or a transport failure (HTTP status, no response). */
export class McpError extends Error {
  constructor(
    message: string,
    readonly code?: number,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'McpError';
  }
}

interface Transport {
  /** Opens the transport (the SSE stream) if it needs opening. */
  start(): Promise<void>;
  send(message: JsonRpcMessage): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: JsonRpcMessage) => void;
  readonly sessionId: string | undefined;
}

export interface McpClientOptions {
  /** Where the MCP endpoints live; default: this page's origin. */
  origin?: string;
  key: string;
  transport: TransportKind;
  onLog?: (entry: LogEntry) => void;
  /** Reported in `initialize`. */
  clientVersion?: string;
  /** How long a request may wait for its response, in ms. Default 60000. */
  timeoutMs?: number;
}

const readSse = async (body: ReadableStream<Uint8Array>, onEvent: (event: string, data: string) => void) => {
  const parser = createParser({ onEvent: (e) => onEvent(e.event ?? 'message', e.data) });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.feed(decoder.decode(value, { stream: true }));
  }
};

async function httpFailure(res: Response): Promise<McpError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as JsonRpcMessage;
    if (body.error) return new McpError(body.error.message, body.error.code, body.error.data);
  } catch {
    // Not JSON-RPC.
  }
  return new McpError(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

/** `POST /mcp`: each request's answer comes back as JSON or as an SSE stream of messages. */
class StreamableHttp implements Transport {
  sessionId: string | undefined;
  protocolVersion: string | undefined;
  onmessage?: (message: JsonRpcMessage) => void;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  async start(): Promise<void> {}

  async send(message: JsonRpcMessage): Promise<void> {
    const headers: Record<string, string> = {
      ...this.headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
    if (this.protocolVersion) headers['mcp-protocol-version'] = this.protocolVersion;
    const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify(message) });
    this.sessionId = res.headers.get('mcp-session-id') ?? this.sessionId;
    if (res.status === 202) return;
    if (!res.ok) throw await httpFailure(res);
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream') && res.body) {
      await readSse(res.body, (_event, data) => this.receive(JSON.parse(data)));
    } else if (type.includes('application/json')) {
      this.receive(await res.json());
    }
  }

  private receive(payload: JsonRpcMessage | JsonRpcMessage[]): void {
    for (const m of Array.isArray(payload) ? payload : [payload]) this.onmessage?.(m);
  }

  /** Ends the session on the server. `keepalive` lets it go out while the page unloads. */
  async close(): Promise<void> {
    if (!this.sessionId) return;
    const headers = { ...this.headers, 'mcp-session-id': this.sessionId };
    this.sessionId = undefined;
    await fetch(this.url, { method: 'DELETE', headers, keepalive: true }).catch(() => undefined);
  }
}

/** `GET /mcp/sse` streams the replies; requests go to the `endpoint` it names first. */
class LegacySse implements Transport {
  sessionId: string | undefined;
  onmessage?: (message: JsonRpcMessage) => void;
  private endpoint: string | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = async () => {
        const res = await fetch(this.url, {
          headers: { ...this.headers, accept: 'text/event-stream' },
          signal: this.abort.signal,
        });
        if (!res.ok || !res.body) throw await httpFailure(res);
        await readSse(res.body, (event, data) => {
          if (event === 'endpoint') {
            this.endpoint = new URL(data, this.url).href;
            this.sessionId = new URL(this.endpoint).searchParams.get('sessionId') ?? undefined;
            resolve();
          } else if (event === 'message') this.onmessage?.(JSON.parse(data));
        });
        reject(new McpError('The SSE stream ended before naming its endpoint.'));
      };
      run().catch((e: unknown) => reject(this.abort.signal.aborted ? new McpError('Closed.') : e));
    });
  }

  async send(message: JsonRpcMessage): Promise<void> {
    if (!this.endpoint) throw new McpError('Not connected: the SSE stream is not open.');
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    if (!res.ok) throw await httpFailure(res);
  }

  async close(): Promise<void> {
    this.sessionId = undefined;
    this.abort.abort();
  }
}

/** One MCP session: connect once, call many times, close once. */
export class McpClient {
  readonly transportKind: TransportKind;
  serverInfo: { name: string; version: string } | undefined;
  private readonly transport: Transport;
  private readonly pending = new Map<
    JsonRpcId,
    {
      resolve: (r: unknown) => void;
      reject: (e: Error) => void;
      method: string;
      sent: number;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  private nextId = 1;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: McpClientOptions) {
    const origin = options.origin ?? location.origin;
    const headers = { authorization: `Bearer ${options.key}` };
    this.transportKind = options.transport;
    this.transport =
      options.transport === 'sse'
        ? new LegacySse(`${origin}/mcp/sse`, headers)
        : new StreamableHttp(`${origin}/mcp`, headers);
    this.transport.onmessage = (m) => this.receive(m);
  }

  get sessionId(): string | undefined {
    return this.transport.sessionId;
  }

  /** Opens the transport, then `initialize` and `notifications/initialized`. */
  async connect(): Promise<void> {
    this.log('note', { message: `connecting (${this.transportKind})` });
    await this.transport.start();
    const init = (await this.request('initialize', {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'aigateway-emulator-inspector', version: this.options.clientVersion ?? '0' },
    })) as { protocolVersion: string; serverInfo: { name: string; version: string } };
    this.serverInfo = init.serverInfo;
    if (this.transport instanceof StreamableHttp) this.transport.protocolVersion = init.protocolVersion;
    await this.notify('notifications/initialized');
  }

  /** Every tool, following `nextCursor`. */
  async listTools(): Promise<Tool[]> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = (await this.request('tools/list', cursor ? { cursor } : {})) as {
        tools: Tool[];
        nextCursor?: string;
      };
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  callTool(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    return this.request('tools/call', { name, arguments: args }) as Promise<CallToolResult>;
  }

  async request(method: string, params?: unknown): Promise<unknown> {
    if (this.closed) throw new McpError('The session is closed.');
    const id = this.nextId++;
    const message: JsonRpcMessage = {
      jsonrpc: '2.0',
      id,
      method,
      ...(params === undefined ? {} : { params }),
    };
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new McpError(`No answer to ${method} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, method, sent: performance.now(), timer });
    });
    this.log('out', { method, id, message });
    this.transport.send(message).catch((e: unknown) => {
      const entry = this.pending.get(id);
      if (!this.pending.delete(id)) return;
      clearTimeout(entry!.timer);
      const error = e instanceof Error ? e : new McpError(String(e));
      this.log('in', { method, id, ms: performance.now() - entry!.sent, message: { error: error.message } });
      entry!.reject(error);
    });
    return answer;
  }

  async notify(method: string, params?: unknown): Promise<void> {
    const message: JsonRpcMessage = { jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) };
    this.log('out', { method, message });
    await this.transport.send(message);
  }

  /** Ends the session (DELETE on Streamable HTTP, closing the stream on SSE) and fails what is pending. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const session = this.transport.sessionId;
    await this.transport.close();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new McpError('The session was closed.'));
    }
    this.pending.clear();
    this.log('note', { message: session ? `closed session ${session}` : 'closed' });
  }

  private receive(message: JsonRpcMessage): void {
    const entry = message.id === undefined || message.id === null ? undefined : this.pending.get(message.id);
    this.log('in', {
      method: entry?.method ?? message.method,
      id: message.id,
      ms: entry ? performance.now() - entry.sent : undefined,
      message,
    });
    if (!entry || message.id === undefined || message.id === null) return;
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.error)
      entry.reject(new McpError(message.error.message, message.error.code, message.error.data));
    else entry.resolve(message.result);
  }

  private log(
    direction: LogEntry['direction'],
    fields: Omit<LogEntry, 'seq' | 'at' | 'direction' | 'transport'>,
  ) {
    this.options.onLog?.({
      seq: this.seq++,
      at: Date.now(),
      direction,
      transport: this.transportKind,
      ...fields,
    });
  }
}
