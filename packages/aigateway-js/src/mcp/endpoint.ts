import { API_PREFIX, MCP_PATH } from 'aigateway-contract';
import { ConfigurationError } from '../core/errors.js';

/** Which MCP transport to speak: Streamable HTTP (`/mcp`, preferred) or the legacy HTTP+SSE (`/mcp/sse`). */
export type McpTransportKind = 'streamable-http' | 'sse';

/**
 * The MCP endpoint beside a REST base URL: the gateway serves `/mcp` next to `/v1`
 * (`https://api.aigateway.sh/v1` → `https://api.aigateway.sh/mcp`), also behind a path prefix.
 */
export function mcpEndpoint(baseURL: string, transport: McpTransportKind): URL {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new ConfigurationError(
      `baseURL "${baseURL}" is not a valid URL: pass the REST base URL, e.g. https://api.aigateway.sh/v1.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(
      `baseURL "${baseURL}" must be an http(s) URL, e.g. https://api.aigateway.sh/v1.`,
    );
  }
  let root = url.pathname.replace(/\/+$/, '');
  if (root.endsWith(API_PREFIX)) root = root.slice(0, -API_PREFIX.length);
  url.pathname = `${root}${MCP_PATH}${transport === 'sse' ? '/sse' : ''}`;
  url.search = '';
  url.hash = '';
  return url;
}
