import { CliError } from '../errors.js';
import { ExitCode, exitCodeForStatus } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

/** The part of an MCP `tools/call` result the CLI prints. */
export interface ToolResult {
  content?: Array<{
    type: string;
    text?: string;
    mimeType?: string;
    data?: string;
    uri?: string;
    resource?: { uri?: string };
  }>;
  structuredContent?: unknown;
  isError?: boolean;
}

const STATUS_OF_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  budget_exceeded: 402,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  api_error: 500,
  provider_error: 502,
};

/** A tool error that carries the gateway's envelope keeps its exit code; anything else exits 1. */
function toolError(tool: string, text: string): CliError {
  let envelope:
    | { error?: { type?: string; code?: string; message?: string; request_id?: string } }
    | undefined;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = undefined;
  }
  const error = envelope?.error;
  const status = error?.type ? STATUS_OF_TYPE[error.type] : undefined;
  return new CliError(`Tool ${tool} failed: ${error?.message ?? text}`, {
    code: error?.code ?? 'tool_error',
    exitCode: status ? exitCodeForStatus(status) : ExitCode.Unexpected,
    requestId: error?.request_id,
    status,
  });
}

/** Tools often answer with JSON text; indent it for people. */
function pretty(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Prints a tool result: the JSON document with --json, the text parts otherwise; isError throws. */
export function printToolResult(rt: Runtime, tool: string, result: ToolResult): void {
  const texts = (result.content ?? []).flatMap((c) =>
    c.type === 'text' && c.text !== undefined ? [c.text] : [],
  );
  if (rt.out.json) rt.out.result(result);
  if (result.isError) throw toolError(tool, texts.join('\n') || 'the tool reported an error');
  if (rt.out.json) return;
  for (const item of result.content ?? []) {
    if (item.type === 'text') rt.out.line(pretty(item.text ?? ''));
    else if (item.type === 'image' || item.type === 'audio') {
      rt.out.line(
        `[${item.type} ${item.mimeType ?? ''}, ${Math.floor(((item.data ?? '').length * 3) / 4)} bytes; use --json to get the data]`,
      );
    } else if (item.type === 'resource' || item.type === 'resource_link')
      rt.out.line(item.uri ?? item.resource?.uri ?? `[${item.type}]`);
    else rt.out.line(`[${item.type}]`);
  }
}
