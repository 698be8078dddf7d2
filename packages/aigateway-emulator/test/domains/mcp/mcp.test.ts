import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpClient, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

const expectedTools = [
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

const textOf = (r: Awaited<ReturnType<Client['callTool']>>) =>
  ((r as CallToolResult).content[0] as { text: string }).text;

const streamable = (key = gw.apiKey, tag?: string): Promise<Client> => mcpClient(gw.origin, key, tag);

describe('MCP over Streamable HTTP (official SDK client)', () => {
  it('lists one tool per capability', async () => {
    const client = await streamable();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...expectedTools].sort());
    expect(client.getServerVersion()?.name).toBe('aigateway');
    await client.close();
  });

  it('calls chat, billed and tagged like the HTTP call', async () => {
    const client = await streamable(gw.apiKey, 'mcp-feature');
    const res = await client.callTool({
      name: 'chat',
      arguments: { model: 'anthropic/claude-opus-4.7', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(textOf(res)).toBe('Emulated reply from anthropic/claude-opus-4.7 to “hi”.');
    const charge = gw.control.charges().at(-1);
    expect(charge).toMatchObject({ model: 'anthropic/claude-opus-4.7', tag: 'mcp-feature' });
    await client.close();
  });

  it('calls the async, audio and catalog tools', async () => {
    const client = await streamable();
    const job = JSON.parse(
      textOf(
        await client.callTool({
          name: 'generate_video',
          arguments: { model: 'runwayml/gen-4', prompt: 'waves', duration: 2 },
        }),
      ),
    );
    expect(job.status).toBe('queued');
    await gw.control.advance(10);
    const done = JSON.parse(textOf(await client.callTool({ name: 'get_job', arguments: { id: job.id } })));
    expect(done.status).toBe('completed');

    const spoken = (await client.callTool({
      name: 'speak',
      arguments: {
        model: 'deepgram/aura-2-en',
        input: 'round trip',
        voice: 'thalia',
        response_format: 'wav',
      },
    })) as CallToolResult;
    const audio = spoken.content[0] as { type: string; data: string; mimeType: string };
    expect([audio.type, audio.mimeType]).toEqual(['audio', 'audio/wav']);
    const heard = await client.callTool({
      name: 'transcribe',
      arguments: { model: 'openai/whisper-large-v3-turbo', audio: audio.data },
    });
    expect(JSON.parse(textOf(heard)).text).toBe('round trip');

    const videos = JSON.parse(
      textOf(await client.callTool({ name: 'list_models', arguments: { modality: 'video' } })),
    );
    expect(videos.data.map((m: { id: string }) => m.id)).toEqual(['runwayml/gen-4', 'google/veo-3']);
    const ranked = JSON.parse(
      textOf(
        await client.callTool({
          name: 'rerank',
          arguments: { model: 'baai/bge-reranker-base', query: 'cat', documents: ['dog', 'a cat'] },
        }),
      ),
    );
    expect(ranked.results[0].index).toBe(1);
    await client.close();
  });

  it('reports API errors as tool errors with the envelope message', async () => {
    const client = await streamable();
    const res = (await client.callTool({
      name: 'chat',
      arguments: { model: 'gpt-5.4', messages: [{ role: 'user', content: 'x' }] },
    })) as CallToolResult;
    expect(res.isError).toBe(true);
    expect(textOf(res)).toContain('openai/gpt-5.4');
    await client.close();
  });

  it('needs the bearer key', async () => {
    const res = await fetch(`${gw.origin}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('missing_api_key');
    const unknown = await fetch(`${gw.origin}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gw.apiKey}`,
        'mcp-session-id': 'nope',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe(-32001);
  });
});

describe('MCP over the legacy SSE transport', () => {
  it('lists and calls tools', async () => {
    const headers = { authorization: `Bearer ${gw.apiKey}` };
    const transport = new SSEClientTransport(new URL(`${gw.origin}/mcp/sse`), {
      requestInit: { headers },
      eventSourceInit: {
        fetch: (url, init) =>
          fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
      },
    });
    const client = new Client({ name: 'legacy', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(expectedTools.length);
    const res = await client.callTool({
      name: 'classify',
      arguments: { model: 'huggingface/distilbert-sst-2', input: 'I love this' },
    });
    expect(JSON.parse(textOf(res)).data[0].label).toBe('POSITIVE');
    await client.close();
  });
});
