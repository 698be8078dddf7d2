import { readFile } from 'node:fs/promises';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
} from '../../src/core/errors.js';
import { type AIgatewayMcp, connectMcp } from '../../src/mcp/index.js';

// The gateway's tools, one per capability (openapi/README.md, "MCP").
const TOOLS = [
  'chat',
  'embed',
  'generate_image',
  'generate_video',
  'generate_music',
  'generate_3d',
  'transcribe',
  'speak',
  'moderate',
  'translate',
  'classify',
  'ocr',
  'detect',
  'rerank',
  'list_models',
  'get_job',
];

let gateway: RunningEmulator;
const open: AIgatewayMcp[] = [];
beforeAll(async () => {
  gateway = await startEmulator();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((mcp) => mcp.close()));
  vi.unstubAllEnvs();
});
afterAll(() => gateway.close());

async function connect(...args: Parameters<typeof connectMcp>): Promise<AIgatewayMcp> {
  const mcp = await connectMcp(...args);
  open.push(mcp);
  return mcp;
}

const textOf = (result: Awaited<ReturnType<AIgatewayMcp['callTool']>>) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

describe.each(['streamable-http', 'sse'] as const)(
  'connectMcp over %s (emulator on loopback)',
  (transport) => {
    it('lists one tool per capability', async () => {
      const mcp = await connect({ apiKey: gateway.apiKey, baseURL: gateway.url, transport });
      const names = (await mcp.listTools()).map((tool) => tool.name);
      expect(names.sort()).toEqual([...TOOLS].sort());
    });

    it('calls tools: list_models and chat', async () => {
      const mcp = await connect({ apiKey: gateway.apiKey, baseURL: gateway.url, transport });
      const models = await mcp.callTool('list_models', {});
      expect(models.isError).toBeFalsy();
      expect(textOf(models)).toContain('anthropic/claude-sonnet-4.6');
      const chat = await mcp.callTool('chat', {
        model: 'anthropic/claude-sonnet-4.6',
        messages: [{ role: 'user', content: 'Say hi' }],
      });
      expect(chat.isError).toBeFalsy();
      expect(textOf(chat).length).toBeGreaterThan(0);
    });

    it('returns a tool failure as an isError result (an unknown model)', async () => {
      const mcp = await connect({ apiKey: gateway.apiKey, baseURL: gateway.url, transport });
      const result = await mcp.callTool('chat', {
        model: 'nobody/nothing',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/model/i);
    });
  },
);

describe('connectMcp over streamable-http, a message over the transport limit', () => {
  it('fails with a 413 BadRequestError that says so (a JSON-RPC error body, as the contract declares)', async () => {
    const mcp = await connect({ apiKey: gateway.apiKey, baseURL: gateway.url, transport: 'streamable-http' });
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const error = await mcp
      .callTool('chat', { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: huge }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(413);
    expect((error as BadRequestError).message).toMatch(/Payload Too Large/);
    expect((await mcp.listTools()).length).toBe(TOOLS.length); // the session survives
  });

  it('the contract declares that 413 on both MCP message endpoints', async () => {
    const contract = parse(
      await readFile(new URL('../../../../openapi/aigateway.yaml', import.meta.url), 'utf8'),
    ) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    for (const path of ['/mcp', '/mcp/messages']) {
      expect(contract.paths[path]?.post?.responses['413'], path).toEqual({
        $ref: '#/components/responses/McpPayloadTooLarge',
      });
    }
  });
});

describe('connectMcp options', () => {
  it('reads AIGATEWAY_API_KEY and AIGATEWAY_BASE_URL from the environment', async () => {
    vi.stubEnv('AIGATEWAY_API_KEY', gateway.apiKey);
    vi.stubEnv('AIGATEWAY_BASE_URL', gateway.url);
    const mcp = await connect();
    expect((await mcp.listTools()).length).toBe(TOOLS.length);
  });

  it('takes the key and base URL of a client ({ client })', async () => {
    const mcp = await connect({ client: { apiKey: gateway.apiKey, baseURL: gateway.url } });
    expect(mcp.client.getServerVersion()?.name).toBeTruthy();
  });

  it('sends every request through the given fetch, with the key and extra headers', async () => {
    const seen: Headers[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const mcp = await connect({
      apiKey: gateway.apiKey,
      baseURL: gateway.url,
      fetch: spy,
      headers: { 'x-aig-tag': 'mcp-test' },
    });
    await mcp.listTools();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) {
      expect(headers.get('authorization')).toBe(`Bearer ${gateway.apiKey}`);
      expect(headers.get('x-aig-tag')).toBe('mcp-test');
    }
  });

  it('fails fast without a key, before any request', async () => {
    vi.stubEnv('AIGATEWAY_API_KEY', '');
    await expect(connectMcp({ baseURL: gateway.url })).rejects.toThrow(ConfigurationError);
    await expect(connectMcp({ baseURL: gateway.url })).rejects.toThrow(/AIGATEWAY_API_KEY/);
  });

  it.each(['streamable-http', 'sse'] as const)(
    'turns a wrong key into AuthenticationError with the gateway message, without echoing the key (%s)',
    async (transport) => {
      const wrongKey = 'sk-aig-0000000000000000wrongwrongwrong';
      const error = await connectMcp({ apiKey: wrongKey, baseURL: gateway.url, transport }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
      expect((error as AuthenticationError).requestId).toMatch(/^req_/);
      expect(`${error?.message} ${error?.stack} ${JSON.stringify(error)}`).not.toContain(wrongKey);
    },
  );

  it.each(['streamable-http', 'sse'] as const)(
    'turns an unreachable endpoint into APIConnectionError naming the URL (%s)',
    async (transport) => {
      const closed = await startEmulator();
      await closed.close();
      const error = await connectMcp({ apiKey: gateway.apiKey, baseURL: closed.url, transport }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error?.message).toContain(`http://127.0.0.1:${closed.port}/mcp`);
    },
  );

  it('refuses an unknown transport', async () => {
    await expect(
      connectMcp({ apiKey: gateway.apiKey, baseURL: gateway.url, transport: 'websocket' as 'sse' }),
    ).rejects.toThrow(/"streamable-http" or "sse"/);
  });
});
