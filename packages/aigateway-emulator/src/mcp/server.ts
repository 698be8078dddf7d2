import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type ToolSpec, toolSpecs } from './tool-specs.js';

/** Sends a request through the emulator's own HTTP pipeline (auth, billing, tags, faults). */
export type InternalFetch = (request: Request) => Promise<Response>;

export interface McpContext {
  fetch: InternalFetch;
  /** Renders an emulator file by path, so `audio_url` may point at the emulator itself. */
  lookup: (path: string) => Buffer | undefined;
  version: string;
}

async function audioBytes(args: Record<string, unknown>, ctx: McpContext): Promise<Uint8Array> {
  if (typeof args.audio === 'string') return Buffer.from(args.audio, 'base64');
  const url = String(args.audio_url ?? '');
  const own = /\/v1\/files\/([^?#]+)/.exec(url)?.[1];
  const local = own ? ctx.lookup(decodeURIComponent(own)) : undefined;
  if (local) return local;
  const res = await fetch(url);
  return new Uint8Array(await res.arrayBuffer());
}

async function buildRequest(
  spec: ToolSpec,
  args: Record<string, unknown>,
  auth: AuthInfo | undefined,
  ctx: McpContext,
): Promise<Request> {
  const origin = String(auth?.extra?.origin ?? 'http://127.0.0.1');
  const headers = new Headers({ authorization: `Bearer ${auth?.token ?? ''}` });
  const tag = auth?.extra?.tag;
  if (typeof tag === 'string') headers.set('x-aig-tag', tag);
  const path = typeof spec.path === 'string' ? spec.path : spec.path(args);
  if (spec.method === 'GET') return new Request(`${origin}${path}`, { headers });
  let body: BodyInit;
  if (spec.name === 'transcribe') {
    const form = new FormData();
    form.set('model', String(args.model));
    if (typeof args.language === 'string') form.set('language', args.language);
    form.set('file', new Blob([(await audioBytes(args, ctx)) as Uint8Array<ArrayBuffer>]), 'audio');
    body = form;
  } else {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(args);
  }
  return new Request(`${origin}${path}`, { method: 'POST', headers, body });
}

const text = (value: string, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: value }],
  isError,
});

async function toResult(
  spec: ToolSpec,
  args: Record<string, unknown>,
  res: Response,
): Promise<CallToolResult> {
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    return text(body.error?.message ?? `The call failed with HTTP ${res.status}.`, true);
  }
  if (spec.name === 'speak') {
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      content: [
        { type: 'audio', data: bytes.toString('base64'), mimeType: type },
        { type: 'text', text: `${bytes.length} bytes of ${type}` },
      ],
    };
  }
  const body = (await res.json()) as Record<string, unknown>;
  if (spec.name === 'chat') {
    const message = (body.choices as { message: { content: string | null; tool_calls?: unknown } }[])[0]
      ?.message;
    return text(message?.content ?? JSON.stringify(message?.tool_calls ?? []));
  }
  if (spec.name === 'list_models' && typeof args.modality === 'string') {
    const data = (body.data as { modality: string }[]).filter((m) => m.modality === args.modality);
    return text(JSON.stringify({ object: 'list', data }));
  }
  return text(JSON.stringify(body));
}

/** A fresh MCP server (one per session) with one tool per capability, each executed through the HTTP pipeline. */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer(
    { name: 'aigateway', version: ctx.version },
    { capabilities: { tools: { listChanged: false } } },
  );
  for (const spec of toolSpecs) {
    server.registerTool(
      spec.name,
      { description: spec.description, inputSchema: spec.shape },
      async (args, extra) => {
        const input = args as Record<string, unknown>;
        try {
          const request = await buildRequest(spec, input, extra.authInfo, ctx);
          return await toResult(spec, input, await ctx.fetch(request));
        } catch (e) {
          return text(`The ${spec.name} tool failed: ${e instanceof Error ? e.message : String(e)}`, true);
        }
      },
    );
  }
  return server;
}
