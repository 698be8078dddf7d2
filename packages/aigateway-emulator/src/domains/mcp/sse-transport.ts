import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

const encoder = new TextEncoder();

/**
 * The legacy HTTP+SSE MCP transport on web streams (the SDK's SSEServerTransport needs node's
 * ServerResponse): `GET /mcp/sse` streams an `endpoint` event then `message` events; messages
 * arrive through `POST /mcp/messages?sessionId=…`.
 */
export class WebSseServerTransport implements Transport {
  readonly sessionId = crypto.randomUUID();
  readonly response: Response;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: { authInfo?: AuthInfo }) => void;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(messagesPath: string, keepaliveMs: number, headers: Record<string, string>) {
    const endpoint = `${messagesPath}?sessionId=${this.sessionId}`;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        controller.enqueue(encoder.encode(`event: endpoint\ndata: ${endpoint}\n\n`));
        if (keepaliveMs > 0) {
          this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), keepaliveMs);
          this.keepAlive.unref?.();
        }
      },
      cancel: () => void this.close(),
    });
    this.response = new Response(stream, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers },
    });
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('The SSE session is closed.');
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  /** Delivers a POSTed message to the server. */
  receive(message: JSONRPCMessage, authInfo: AuthInfo): void {
    this.onmessage?.(message, { authInfo });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    try {
      this.controller?.close();
    } catch {
      // Already closed by the client.
    }
    this.onclose?.();
  }

  private write(text: string): void {
    if (!this.closed) this.controller?.enqueue(encoder.encode(text));
  }
}
