import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { mcpEndpoint } from '../../src/mcp/endpoint.js';

describe('mcpEndpoint', () => {
  it.each([
    ['https://api.aigateway.sh/v1', 'streamable-http', 'https://api.aigateway.sh/mcp'],
    ['https://api.aigateway.sh/v1/', 'streamable-http', 'https://api.aigateway.sh/mcp'],
    ['https://api.aigateway.sh/v1', 'sse', 'https://api.aigateway.sh/mcp/sse'],
    ['http://127.0.0.1:8787/v1', 'streamable-http', 'http://127.0.0.1:8787/mcp'],
    ['https://proxy.example.com/aigateway/v1', 'streamable-http', 'https://proxy.example.com/aigateway/mcp'],
    ['https://api.aigateway.sh', 'streamable-http', 'https://api.aigateway.sh/mcp'],
    ['https://api.aigateway.sh/v1?x=1#y', 'sse', 'https://api.aigateway.sh/mcp/sse'],
  ] as const)('%s (%s) → %s', (baseURL, transport, expected) => {
    expect(mcpEndpoint(baseURL, transport).href).toBe(expected);
  });

  it('refuses a base URL that is not an http(s) URL, saying what to pass', () => {
    expect(() => mcpEndpoint('api.aigateway.sh/v1', 'sse')).toThrow(ConfigurationError);
    expect(() => mcpEndpoint('ftp://api.aigateway.sh/v1', 'sse')).toThrow(/https:\/\/api.aigateway.sh\/v1/);
  });
});
