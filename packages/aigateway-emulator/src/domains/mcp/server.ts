import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type ListToolsResult,
} from '@modelcontextprotocol/sdk/types.js';
import { ApiError } from '../../http/errors.js';
import { fetchInput } from '../../runtime/fetch-input.js';
import type { Principal } from '../accounts/accounts.js';
import {
  argumentsError,
  envelopeResult,
  failedCallResult,
  mcpRequestId,
  thrownErrorResult,
  unknownToolError,
} from './tool-errors.js';
import { type ToolSpec, toolSpecs } from './tools.js';

/** Sends a request through the emulator's own HTTP pipeline (auth, billing, tags, faults). */
export type InternalFetch = (request: Request) => Promise<Response>;

export interface McpContext {
  fetch: InternalFetch;
  /** An emulator file URL's bytes, checked as a download is (`Files.readInput`); undefined for other URLs. */
  readInput: (url: string, caller: Principal, param: string) => Buffer | undefined;
  version: string;
  /** Aborted when the emulator closes: cancels what tools fetch (`audio_url`). */
  signal?: AbortSignal;
  /** Unexpected errors inside a tool (the caller gets a 500 envelope without details). */
  onError?: (error: unknown, requestId: string) => void;
}

async function audioBytes(
  args: Record<string, unknown>,
  auth: AuthInfo | undefined,
  ctx: McpContext,
): Promise<Uint8Array> {
  if (typeof args.audio === 'string') return Buffer.from(args.audio, 'base64');
  const url = args.audio_url;
  if (typeof url !== 'string')
    throw new ApiError(
      400,
      'missing_field',
      'audio is required: pass the audio as base64 in audio, or its URL in audio_url, and retry.',
      { param: 'audio' },
    );
  const caller: Principal = {
    subAccountId: (auth?.extra?.subAccountId as string | null | undefined) ?? null,
  };
  const local = ctx.readInput(url, caller, 'audio_url');
  if (local) return local;
  return fetchInput(url, 'audio_url', { signal: ctx.signal });
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
  const path = spec.path(args);
  if (spec.method === 'GET') return new Request(`${origin}${path}`, { headers });
  let body: BodyInit;
  if (spec.name === 'transcribe') {
    const form = new FormData();
    form.set('model', String(args.model));
    if (typeof args.language === 'string') form.set('language', args.language);
    form.set('file', new Blob([(await audioBytes(args, auth, ctx)) as Uint8Array<ArrayBuffer>]), 'audio');
    body = form;
  } else {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(args);
  }
  return new Request(`${origin}${path}`, { method: 'POST', headers, body });
}

const text = (value: string): CallToolResult => ({
  content: [{ type: 'text', text: value }],
  isError: false,
});

async function toResult(
  spec: ToolSpec,
  args: Record<string, unknown>,
  res: Response,
  requestId: string,
): Promise<CallToolResult> {
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) return failedCallResult(res, requestId);
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

const toolNames = toolSpecs.map((spec) => spec.name);

// The contract's input schemas, listed as written (no outputSchema: see tool-errors.ts).
const toolList: ListToolsResult = {
  tools: toolSpecs.map((spec) => ({
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema as ListToolsResult['tools'][number]['inputSchema'],
  })),
};

/** The arguments the tool's schema declares (the HTTP body gets no others), once they pass it. */
const declaredArguments = (spec: ToolSpec, data: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => spec.declared.has(k)));

/**
 * Answers `tools/list` with the contract's tools and `tools/call` in place of McpServer's own handler,
 * which checks the arguments itself and reports a failure as bare text: here they fail with the
 * gateway's 400 envelope (`param` naming the field), like a bad HTTP body, and an unknown tool with
 * a 404 `not_found` envelope.
 */
function answerToolCalls(
  server: McpServer,
  run: (spec: ToolSpec, args: Record<string, unknown>, auth: AuthInfo | undefined) => Promise<CallToolResult>,
): void {
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    const spec = toolSpecs.find((s) => s.name === name);
    if (!spec) return envelopeResult(unknownToolError(name, toolNames).body(mcpRequestId(extra.authInfo)));
    const parsed = spec.argumentsSchema.safeParse(args);
    if (!parsed.success)
      return envelopeResult(
        argumentsError(name, parsed.error.issues, args).body(mcpRequestId(extra.authInfo)),
      );
    return run(spec, declaredArguments(spec, parsed.data), extra.authInfo);
  });
  server.server.setRequestHandler(ListToolsRequestSchema, () => toolList);
}

/** A fresh MCP server (one per session) with one tool per capability, each executed through the HTTP pipeline. */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer(
    { name: 'aigateway', version: ctx.version },
    { capabilities: { tools: { listChanged: false } } },
  );
  const run = async (
    spec: ToolSpec,
    args: Record<string, unknown>,
    auth: AuthInfo | undefined,
  ): Promise<CallToolResult> => {
    const requestId = mcpRequestId(auth);
    try {
      const request = await buildRequest(spec, args, auth, ctx);
      return await toResult(spec, args, await ctx.fetch(request), requestId);
    } catch (e) {
      return thrownErrorResult(e, requestId, ctx.onError);
    }
  };
  answerToolCalls(server, run);
  return server;
}
