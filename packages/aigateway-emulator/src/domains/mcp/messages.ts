import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { assertRequest } from '../../contract/validate.js';
import { ApiError } from '../../http/errors.js';
import { rpcError } from './transport-errors.js';

/**
 * One message the contract accepts, as the SDK's strict parser reads it. The contract's schemas
 * allow members beyond a kind's own (a request that also carries `result`): only the members of the
 * first kind the message is, in the order of `JsonRpcMessage`, are kept. An error's `id: null`
 * (JSON-RPC's "the id could not be read") is the SDK's error without an id.
 */
function forSdk(message: Record<string, unknown>): JSONRPCMessage | undefined {
  const pick = (...keys: string[]) =>
    Object.fromEntries(keys.filter((k) => k in message).map((k) => [k, message[k]]));
  const kinds = [
    pick('jsonrpc', 'id', 'method', 'params'),
    // A notification has no id at all (the contract's `not: required: [id]`).
    ...('id' in message ? [] : [pick('jsonrpc', 'method', 'params')]),
    pick('jsonrpc', 'id', 'result'),
    message.id === null ? pick('jsonrpc', 'error') : pick('jsonrpc', 'id', 'error'),
  ];
  for (const kind of kinds) {
    const parsed = JSONRPCMessageSchema.safeParse(kind);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

const invalid = (detail: string, what: string) =>
  rpcError(400, -32600, `Invalid Request: the body must be ${what}; ${detail}`);

/**
 * The body of `POST /mcp` (one message or a batch) or `POST /mcp/messages` (one message), checked
 * against the contract's schema for the operation, so that the transport takes exactly what the
 * contract describes; or the JSON-RPC 400 that says what is wrong.
 */
export function readMessages(
  operationId: 'postMcpMessage',
  body: unknown,
): JSONRPCMessage | JSONRPCMessage[] | Response;
export function readMessages(operationId: 'postMcpLegacyMessage', body: unknown): JSONRPCMessage | Response;
export function readMessages(
  operationId: 'postMcpMessage' | 'postMcpLegacyMessage',
  body: unknown,
): JSONRPCMessage | JSONRPCMessage[] | Response {
  const what =
    operationId === 'postMcpMessage'
      ? 'a JSON-RPC 2.0 request, notification, result or error, or a batch of 1 to 100 of them'
      : 'one JSON-RPC 2.0 request, notification, result or error';
  try {
    assertRequest(operationId, 'application/json', body);
  } catch (error) {
    if (error instanceof ApiError) return invalid(error.message, what);
    throw error;
  }
  const list = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
  const messages = list.map(forSdk);
  const refused = messages.indexOf(undefined);
  // Only if the contract allows what the SDK cannot read (an emulator defect: the contract must say it).
  if (refused >= 0) return invalid(`the MCP server cannot read message ${refused} of it.`, what);
  return Array.isArray(body) ? (messages as JSONRPCMessage[]) : messages[0]!;
}
