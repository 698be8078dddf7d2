import { assertJsonDepth, overLimit, readBody } from '../../http/body.js';
import type { PrereadBody } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { json } from '../../http/respond.js';

/** The MCP transport's own limit on one message (the contract's `McpPayloadTooLarge`: 4 MiB). */
export const MCP_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The emulator's `maxBodyBytes`, capped at the transport's 4 MiB. */
export const mcpBodyLimit = (maxBodyBytes: number): number => Math.min(maxBodyBytes, MCP_MAX_BODY_BYTES);

/** A transport error as MCP clients expect it: a JSON-RPC error object with `id: null`. */
export const rpcError = (status: number, code: number, message: string): Response =>
  json({ jsonrpc: '2.0', id: null, error: { code, message } }, status);

const tooLarge = (size: number | undefined, limit: number) =>
  rpcError(
    413,
    -32000,
    `Payload Too Large: the message ${overLimit(size, limit)}; send smaller tool arguments (e.g. audio_url or an image URL instead of inline base64).`,
  );

/**
 * An MCP message's bytes, or the 413 JSON-RPC error when it is over `limit`: from a body the
 * server adapter already read (or measured), else read from the request, refusing past the limit.
 */
export async function readMcpBody(
  request: Request,
  preread: PrereadBody | undefined,
  limit: number,
): Promise<Uint8Array | Response> {
  const bytes = await readWithin(request, preread, limit);
  if (bytes instanceof Response) return bytes;
  try {
    assertJsonDepth(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    if (error instanceof ApiError) return rpcError(400, -32700, `Parse error: ${error.message}`);
    throw error;
  }
  return bytes;
}

async function readWithin(
  request: Request,
  preread: PrereadBody | undefined,
  limit: number,
): Promise<Uint8Array | Response> {
  if (preread?.bodyTooLarge)
    return tooLarge(preread.bodyTooLarge === true ? undefined : preread.bodyTooLarge, limit);
  if (preread?.body)
    return preread.body.byteLength > limit ? tooLarge(preread.body.byteLength, limit) : preread.body;
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) {
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      return tooLarge(declared > limit ? declared : undefined, limit);
    }
    throw error;
  }
}
