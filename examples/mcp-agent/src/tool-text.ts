import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The text parts of a tool result; a tool-level failure (`isError`) becomes an Error with its message. */
export function toolText(tool: string, result: CallToolResult): string {
  const text = result.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
  if (result.isError) throw new Error(`MCP tool ${tool} failed: ${text}`);
  return text;
}
