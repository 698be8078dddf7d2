import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';
import { validatorAt } from '../src/contract/validate.js';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../src/server.js';
import { checkResponse, responseSchemaPointer } from './contract-checks.js';

/** A started emulator plus a small authenticated fetch helper. */
export interface TestGateway extends RunningEmulator {
  origin: string;
  call(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; key?: string | null; raw?: BodyInit },
  ): Promise<Response>;
}

export async function startGateway(options: StartEmulatorOptions = {}): Promise<TestGateway> {
  const gw = await startEmulator({ keepaliveMs: 0, ...options });
  const origin = gw.url.slice(0, -'/v1'.length);
  return {
    ...gw,
    origin,
    call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const key = init.key === undefined ? gw.apiKey : init.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: BodyInit | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${origin}${path}`, { method, headers, body });
    },
  };
}

const mediaType = (res: Response) => (res.headers.get('content-type') ?? '').split(';')[0]!.trim();

/**
 * Asserts that a response is what the contract declares for the operation and status: an
 * `X-Request-Id`, a declared media type, and (for JSON) a body valid against its schema.
 * Returns the parsed JSON body, or undefined for other media types.
 */
export async function expectContract<T = Record<string, unknown>>(
  res: Response,
  method: string,
  template: string,
): Promise<T> {
  expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
  const type = mediaType(res);
  expect(
    responseSchemaPointer(method.toLowerCase(), template, res.status, type),
    `${method} ${template} ${res.status} ${type} is declared`,
  ).toBeDefined();
  if (type !== 'application/json') return undefined as T;
  const body = (await res.clone().json()) as T;
  expect(checkResponse(method.toLowerCase(), template, res.status, type, body)).toBeNull();
  return body;
}

/** The `data:` payloads of an SSE body (comments and blank lines dropped). */
export function sseData(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6));
}

/** Asserts every chunk of a streamed completion against `ChatCompletionChunk`. */
export function expectChunks(text: string): Record<string, unknown>[] {
  const data = sseData(text);
  expect(data.at(-1)).toBe('[DONE]');
  const validate = validatorAt('#/components/schemas/ChatCompletionChunk');
  return data.slice(0, -1).map((d) => {
    const chunk = JSON.parse(d) as Record<string, unknown>;
    expect(validate(chunk), JSON.stringify(validate.errors)).toBe(true);
    return chunk;
  });
}

/**
 * The official MCP SDK client, connected over Streamable HTTP to `origin`/mcp with `key` (and an
 * `x-aig-tag` when given). The caller closes it.
 */
export async function mcpClient(origin: string, key: string, tag?: string): Promise<Client> {
  const client = new Client({ name: 'aigateway-emulator-test', version: '1.0.0' });
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (tag) headers['x-aig-tag'] = tag;
  await client.connect(new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), { requestInit: { headers } }));
  return client;
}
