import { type McpTool, mcpTools, type OperationId, operations } from 'aigateway-contract';
import { type ZodType, z } from 'zod';

/** One MCP tool of the contract (`x-aig-mcp-tools`): its HTTP call, its input schema and the check of it. */
export interface ToolSpec {
  name: string;
  description: string;
  /** The contract's JSON Schema, listed by `tools/list` as it is. */
  inputSchema: McpTool['inputSchema'];
  /** The same schema as zod, which checks `tools/call` arguments. */
  argumentsSchema: ZodType;
  method: 'GET' | 'POST';
  /** The operation's path with the arguments' path parameters filled in (`/v1/jobs/{id}`). */
  path(args: Record<string, unknown>): string;
  /** Only the arguments the schema declares are sent on, as the HTTP body. */
  declared: ReadonlySet<string>;
}

function toolSpec(tool: McpTool): ToolSpec {
  const op = operations[tool.operationId as OperationId];
  if (op.method !== 'GET' && op.method !== 'POST')
    throw new Error(`MCP tool ${tool.name}: ${op.method} is not a tool call.`);
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    argumentsSchema: z.fromJSONSchema(tool.inputSchema as z.core.JSONSchema.JSONSchema),
    method: op.method,
    path: (args) =>
      op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(args[name]))),
    declared: new Set(Object.keys(tool.inputSchema.properties ?? {})),
  };
}

/** Every tool the MCP server lists, in the contract's order. */
export const toolSpecs: readonly ToolSpec[] = mcpTools.map(toolSpec);
