import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { toParam } from '../../contract/validate.js';
import { ApiError, internalError } from '../../http/errors.js';
import { excerpt, levenshtein } from '../../util/text.js';

// A failed tool call carries the contract's error envelope (openapi/README.md § Errors) in
// `structuredContent`, so clients tell a spend cap from a rate limit without parsing prose; the
// text part repeats the message and request id for people and models. The tools declare no
// `outputSchema`: the SDK client checks `structuredContent` against one even on `isError` results.

type Envelope = { error: Record<string, unknown> };

const isEnvelope = (value: unknown): value is Envelope => {
  const error = (value as { error?: unknown } | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
};

/** A tool result for an error envelope: `isError`, the envelope as `structuredContent`, and a text line. */
export function envelopeResult(envelope: Envelope): CallToolResult {
  const { message, code, request_id: requestId } = envelope.error;
  return {
    content: [
      { type: 'text', text: `${String(message)} (${String(code)}; request id ${String(requestId)})` },
    ],
    structuredContent: envelope,
    isError: true,
  };
}

/** The id errors raised in the MCP layer quote: the X-Request-Id of the HTTP request that carried the call. */
export const mcpRequestId = (auth: AuthInfo | undefined): string => String(auth?.extra?.requestId ?? '');

/** The result for a failed HTTP call made by a tool: its envelope, or a 500 envelope if it has none. */
export async function failedCallResult(res: Response, fallbackRequestId: string): Promise<CallToolResult> {
  const body: unknown = await res.json().catch(() => undefined);
  if (isEnvelope(body)) return envelopeResult(body);
  // A dropped connection (`x-aig-fault: drop=`) has no body and no request id of its own.
  const requestId = res.headers.get('x-request-id') ?? fallbackRequestId;
  return envelopeResult(
    new ApiError(
      500,
      'internal_error',
      `The call ended with HTTP ${res.status} and no error details; retry it, and report the request id if it keeps failing.`,
    ).body(requestId),
  );
}

/** The result for an error thrown inside a tool: ApiErrors as they are, anything else as a 500 (reported). */
export function thrownErrorResult(
  error: unknown,
  requestId: string,
  onError?: (error: unknown, requestId: string) => void,
): CallToolResult {
  if (error instanceof ApiError) return envelopeResult(error.body(requestId));
  onError?.(error, requestId);
  return envelopeResult(internalError().body(requestId));
}

/** A 404 `not_found` for a `tools/call` naming no tool: how to list them, and the closest name. */
export function unknownToolError(name: string, tools: readonly string[]): ApiError {
  const [closest] = tools
    .map((tool) => ({ tool, d: levenshtein(name.toLowerCase(), tool) }))
    .filter(({ tool, d }) => d <= Math.max(1, Math.floor(tool.length / 3)))
    .sort((a, b) => a.d - b.d);
  const hint = closest ? ` Did you mean '${closest.tool}'?` : '';
  return new ApiError(
    404,
    'not_found',
    `There is no tool named '${excerpt(name, 64)}'.${hint} Call tools/list to see the tools and their input schemas (${tools.join(', ')}).`,
  );
}

const valueAt = (root: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );

/** The expected types of an issue when it is only a type mismatch (also across union branches). */
function expectedTypes(issue: z.core.$ZodIssue): string[] | undefined {
  if (issue.code === 'invalid_type') return [issue.expected === 'int' ? 'integer' : issue.expected];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return undefined;
  const branches = issue.errors.map((branch) =>
    branch.length === 1 && branch[0]!.path.length === 0 ? expectedTypes(branch[0]!) : undefined,
  );
  return branches.every((b) => b !== undefined) ? [...new Set(branches.flat())] : undefined;
}

/**
 * A 400 envelope for tool arguments that fail the tool's input schema, worded like the HTTP
 * endpoints' validation errors and naming the field as a JSON path in `param`.
 */
export function argumentsError(tool: string, issues: z.core.$ZodIssue[], args: unknown): ApiError {
  const issue = issues[0]!;
  const param = toParam(
    issue.path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
  );
  const name = param || 'The arguments';
  if (valueAt(args, issue.path) === undefined && param) {
    return new ApiError(
      400,
      'missing_field',
      `${param} is required: add it to the ${tool} tool's arguments (tools/list shows its input schema) and retry.`,
      { param },
    );
  }
  const types = expectedTypes(issue);
  if (types) {
    return new ApiError(
      400,
      'invalid_type',
      `${name} must be of type ${types.join(' or ')}; fix its type and retry.`,
      param ? { param } : {},
    );
  }
  return new ApiError(
    400,
    'invalid_value',
    `${name} is invalid (${issue.message}); fix it and retry.`,
    param ? { param } : {},
  );
}
