import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { contract } from '../../contract/document.js';

/**
 * The MCP revision the hosted server documents (the guide: "Streamable HTTP transport, MCP
 * 2025-03-26"), read from the contract's `x-aig-mcp-protocol-version` on `/mcp`.
 */
export const DOCUMENTED_MCP_PROTOCOL = String(
  (contract.paths['/mcp'] as Record<string, unknown>)['x-aig-mcp-protocol-version'],
);

/** The revisions the emulator can speak (those of the MCP SDK it runs), newest first. */
export const MCP_PROTOCOLS: readonly string[] = [...SUPPORTED_PROTOCOL_VERSIONS].sort().reverse();

/**
 * What a server speaking `latest` supports: that revision and every older one. Revisions are
 * dates, so they order as strings.
 */
export function supportedProtocols(latest: string): readonly string[] {
  return MCP_PROTOCOLS.filter((v) => v <= latest);
}

/**
 * Version negotiation as the MCP lifecycle spec words it: a supported requested version is
 * answered with itself; any other (a newer one, or nonsense) with the latest the server supports.
 */
export function negotiate(requested: unknown, supported: readonly string[]): string {
  return typeof requested === 'string' && supported.includes(requested) ? requested : supported[0]!;
}

/** A bad `mcpProtocolVersion` option or `--mcp-protocol` flag: the message lists the choices. */
export function checkProtocol(version: string): string {
  if (MCP_PROTOCOLS.includes(version)) return version;
  throw new TypeError(
    `The MCP protocol version must be one of ${MCP_PROTOCOLS.join(', ')} (got '${version}'); the default is ${DOCUMENTED_MCP_PROTOCOL}, the documented server's.`,
  );
}
