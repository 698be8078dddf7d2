import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorAt } from '../../../src/contract/validate.js';
import { mcpClient, startGateway, type TestGateway } from '../../helpers.js';

// A failed tool call carries the contract's error envelope in structuredContent (checked against the
// contract's ErrorEnvelope), so MCP clients and `aig mcp call` can tell the errors apart (the CLI's
// own tests check `aig mcp call` maps it to its exit codes).
let gw: TestGateway;
let capped: { id: string; key: string };
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
  const res = await gw.call('POST', '/v1/sub-accounts', { body: { name: 'capped' } });
  capped = (await res.json()) as { id: string; key: string };
  // ~2,500 input tokens of Opus (over 1¢), then a 1¢ cap: the sub-account is past it, so calls are blocked.
  const spend = await gw.call('POST', '/v1/chat/completions', {
    key: capped.key,
    body: { model: 'anthropic/claude-opus-4.7', messages: [{ role: 'user', content: 'word '.repeat(2000) }] },
  });
  expect(spend.status).toBe(200);
  const capping = await gw.call('PATCH', `/v1/sub-accounts/${capped.id}`, { body: { spend_cap_cents: 1 } });
  expect(capping.status).toBe(200);
});
afterAll(() => gw.close());

const hi = [{ role: 'user', content: 'hi' }];
const validEnvelope = validatorAt('#/components/schemas/ErrorEnvelope');

const connect = (key = gw.apiKey): Promise<Client> => mcpClient(gw.origin, key);

/** Calls a tool expecting an error; returns the envelope's error after checking it against the contract. */
async function toolError(client: Client, name: string, args: Record<string, unknown>) {
  const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(res.isError).toBe(true);
  expect(validEnvelope(res.structuredContent), JSON.stringify(validEnvelope.errors)).toBe(true);
  const error = (res.structuredContent as { error: Record<string, unknown> }).error;
  expect(res.content).toEqual([
    { type: 'text', text: `${error.message} (${error.code}; request id ${error.request_id})` },
  ]);
  return error;
}

describe('MCP tool errors carry the error envelope', () => {
  it('402 from chat with a capped sub-account key: the envelope the HTTP call gets, and nothing billed', async () => {
    const client = await connect(capped.key);
    // Listing first arms the SDK client's outputSchema checks; the tools declare none, so an
    // error's structuredContent is not held against a success schema.
    const { tools } = await client.listTools();
    expect(tools.filter((t) => t.outputSchema !== undefined)).toEqual([]);
    const charges = gw.control.charges().length;
    const error = await toolError(client, 'chat', { model: 'anthropic/claude-opus-4.7', messages: hi });
    expect(error).toMatchObject({
      type: 'budget_exceeded',
      code: 'budget_exceeded',
      spend_cap_cents: 1,
      sub_account_id: capped.id,
      resets_at: expect.any(Number),
    });
    expect(error.spent_cents).toBeGreaterThanOrEqual(1);
    const logged = gw.control.requests().find((r) => r.id === error.request_id);
    expect(logged).toMatchObject({ path: '/v1/chat/completions', status: 402 });
    expect(gw.control.charges()).toHaveLength(charges);
    await client.close();
  });

  it('429, 404 and 502 keep their type-specific fields', async () => {
    const limited = await (
      await gw.call('POST', '/v1/sub-accounts', { body: { name: 'slow', rate_limit_rpm: 1 } })
    ).json();
    const slow = await connect(limited.key);
    const args = { model: 'openai/gpt-5.4', messages: hi };
    expect((await slow.callTool({ name: 'chat', arguments: args })).isError).toBe(false);
    expect(await toolError(slow, 'chat', args)).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      retry_after: expect.any(Number),
    });
    await slow.close();

    const client = await connect();
    expect(await toolError(client, 'embed', { model: 'bge-m3', input: 'x' })).toMatchObject({
      type: 'not_found_error',
      code: 'model_not_found',
      suggestions: expect.arrayContaining(['baai/bge-m3']),
    });
    gw.control.addFault({ path: '/v1/rerank', fault: 'status=502', count: 1 });
    expect(
      await toolError(client, 'rerank', { model: 'baai/bge-reranker-base', query: 'q', documents: ['d'] }),
    ).toMatchObject({ type: 'provider_error', code: 'provider_error', provider: 'baai' });
    await client.close();
  });

  it('400 for bad arguments, whether the tool schema or the endpoint rejects them', async () => {
    const client = await connect();
    expect(await toolError(client, 'chat', { model: 'openai/gpt-5.4' })).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_field',
      param: 'messages',
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
    expect(
      await toolError(client, 'chat', { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 3 }] }),
    ).toMatchObject({ code: 'invalid_type', param: 'messages[0].content' });
    expect(await toolError(client, 'embed', { model: 'baai/bge-m3', input: [] })).toMatchObject({
      code: 'invalid_value',
      param: 'input',
    });
    expect(await toolError(client, 'chat', { model: 'baai/bge-m3', messages: hi })).toMatchObject({
      code: 'wrong_endpoint',
    });
    expect(await toolError(client, 'transcribe', { model: 'openai/whisper-large-v3-turbo' })).toMatchObject({
      code: 'missing_field',
      param: 'audio',
    });
    await client.close();
  });

  it('404 not_found for an unknown tool, saying to call tools/list', async () => {
    const client = await connect();
    const unknown = await toolError(client, 'no_such_tool', {});
    expect(unknown).toMatchObject({
      type: 'not_found_error',
      code: 'not_found',
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
    });
    expect(unknown.message).toContain('tools/list');
    expect(unknown.message).not.toContain('Did you mean');
    const typo = await toolError(client, 'generate_imag', { model: 'x', prompt: 'y' });
    expect(typo).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining("Did you mean 'generate_image'?"),
    });
    await client.close();
  });

  it('the legacy SSE transport carries the same envelope', async () => {
    const headers = { authorization: `Bearer ${capped.key}` };
    const client = new Client({ name: 'legacy', version: '1.0.0' });
    await client.connect(
      new SSEClientTransport(new URL(`${gw.origin}/mcp/sse`), {
        requestInit: { headers },
        eventSourceInit: {
          fetch: (url, init) =>
            fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
        },
      }),
    );
    expect(
      await toolError(client, 'classify', { model: 'huggingface/distilbert-sst-2', input: 'x' }),
    ).toMatchObject({ code: 'budget_exceeded', sub_account_id: capped.id });
    await client.close();
  });
});
