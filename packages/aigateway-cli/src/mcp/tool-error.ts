// A tool result with `isError` may carry the gateway's error (openapi/README.md § Errors): the envelope in
// `structuredContent` or as a text part's JSON, or its type or code named in the text ("rate_limit_error: …").
// Then `aig mcp call` exits as the HTTP commands do for that error; otherwise it exits 1.
import { errorCodes, errorTypes } from 'aigateway-contract';
import { type ErrorDetails, gatewayDetails } from '../core/error-details.js';
import { CliError } from '../errors.js';
import { ExitCode, exitCodeForStatus } from '../exit-codes.js';

/** The parts of an MCP `tools/call` result that can carry an error. */
export interface ToolErrorResult {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: unknown;
}

// The contract's error table: each type's status (its first: 400 for invalid_request_error) and each code's.
const STATUS_OF_TYPE: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(errorTypes).map(([type, { statuses }]) => [type, statuses[0] ?? 500]),
);

// Every code of the contract but `forbidden`, an everyday word that proves nothing when seen in prose.
const STATUS_OF_CODE: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(errorCodes)
    .filter(([code]) => code !== 'forbidden')
    .map(([code, { status }]) => [code, status]),
);

/** The code of a type that has only one. */
const CODE_OF_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(errorTypes).flatMap(([type, { codes }]) =>
    codes.length === 1 && codes[0] !== undefined ? [[type, codes[0]]] : [],
  ),
);

const NAMES = [...new Set([...Object.keys(STATUS_OF_TYPE), ...Object.keys(STATUS_OF_CODE)])];
const NAMED = new RegExp(`(?<![A-Za-z0-9_])(${NAMES.join('|')})(?![A-Za-z0-9_])`, 'g');

interface GatewayError {
  type?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  details?: ErrorDetails | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An envelope `{ error: {...} }`, or the error object itself, when it names a known type or code. */
function fromObject(value: unknown): GatewayError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as { error?: unknown }).error;
  const error = (typeof inner === 'object' && inner !== null ? inner : value) as Record<string, unknown>;
  const type = str(error.type);
  const code = str(error.code);
  if (!(type && type in STATUS_OF_TYPE) && !(code && code in STATUS_OF_CODE)) return undefined;
  return {
    type,
    code,
    message: str(error.message),
    requestId: str(error.request_id),
    details: gatewayDetails(error),
  };
}

function fromJsonText(text: string): GatewayError | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return fromObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The first type and the first code the text names, e.g. "rate_limit_error: Slow down." */
function fromWords(text: string): GatewayError | undefined {
  const names = [...text.matchAll(NAMED)].map((m) => m[1] as string);
  const type = names.find((n) => n in STATUS_OF_TYPE);
  const code = names.find((n) => n in STATUS_OF_CODE);
  return type || code ? { type, code } : undefined;
}

/** The gateway's error carried by a tool result, if any. */
export function gatewayErrorOf(result: ToolErrorResult): GatewayError | undefined {
  const texts = (result.content ?? []).flatMap((c) =>
    c.type === 'text' && c.text !== undefined ? [c.text] : [],
  );
  return (
    fromObject(result.structuredContent) ??
    texts.map(fromJsonText).find((e) => e !== undefined) ??
    texts.map(fromWords).find((e) => e !== undefined)
  );
}

/** The error `aig mcp call` reports for a result with `isError`: the gateway's exit code, else exit 1. */
export function toolError(tool: string, result: ToolErrorResult): CliError {
  const texts = (result.content ?? []).flatMap((c) =>
    c.type === 'text' && c.text !== undefined ? [c.text] : [],
  );
  const text = texts.join('\n') || 'the tool reported an error';
  const found = gatewayErrorOf(result);
  if (!found)
    return new CliError(`Tool ${tool} failed: ${text}`, {
      code: 'tool_error',
      exitCode: ExitCode.Unexpected,
    });
  const status =
    (found.type ? STATUS_OF_TYPE[found.type] : undefined) ??
    (found.code ? STATUS_OF_CODE[found.code] : undefined);
  return new CliError(`Tool ${tool} failed: ${found.message ?? text}`, {
    code: found.code ?? (found.type ? CODE_OF_TYPE[found.type] : undefined) ?? 'tool_error',
    exitCode: exitCodeForStatus(status),
    requestId: found.requestId,
    status,
    type: found.type,
    details: found.details,
  });
}
