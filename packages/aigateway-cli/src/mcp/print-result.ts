import type { Runtime } from '../runtime.js';
import { toolError } from './tool-error.js';

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

/** Tools often answer with JSON text; indent it for people. */
function pretty(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Prints a tool result: the JSON document with --json, the text parts otherwise. `isError` throws, with the
 * exit code of the gateway error the result carries (exit 1 when it carries none).
 */
export function printToolResult(rt: Runtime, tool: string, result: ToolResult): void {
  // Even with isError: MCP answers a failed call with a result, so it is the response (and may hold more than
  // the error line); the one deliberate exception to --json's empty stdout on error (README, --json shapes).
  if (rt.out.json) rt.out.result(result);
  if (result.isError) throw toolError(tool, result);
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
