import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, json, startGateway, TEST_KEY } from '../helpers/gateway.js';

let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(async () => {
  expect(g.transcript()).not.toContain(TEST_KEY);
  await g.close();
});

const CHAT_ARGS = '{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"hi from mcp"}]}';

describe('aig mcp tools', () => {
  it.each([[[]], [['--sse']]])('lists one tool per capability %j', async (transport) => {
    const human = await g.bin(['mcp', 'tools', ...transport]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^TOOL\s+DESCRIPTION\nchat\s+Chat with any chat model/);
    for (const tool of ['generate_video', 'rerank', 'list_models', 'get_job'])
      expect(human.stdout).toContain(`\n${tool} `);
    const doc = json<{ tools: Array<{ name: string; inputSchema: object }> }>(
      await g.aig(['mcp', 'tools', '--json', ...transport]),
    );
    expect(doc.tools.find((t) => t.name === 'chat')?.inputSchema).toBeDefined();
  });
});

describe('aig mcp call', () => {
  it('calls a tool with --args (JSON) and prints its text', async () => {
    const r = await g.aig(['mcp', 'call', 'chat', '--args', CHAT_ARGS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hi from mcp');
  });

  it('accepts --arg k=v with JSON values, and the Inspector spellings', async () => {
    const ours = await g.aig([
      'mcp',
      'call',
      'rerank',
      '--arg',
      'model=baai/bge-reranker-base',
      '--arg',
      'query=pizza',
      '--arg',
      'documents=["pizza place","car wash"]',
      '--json',
    ]);
    expect(ours.code).toBe(0);
    const result = json<{ content: Array<{ type: string; text: string }>; isError?: boolean }>(ours);
    expect(result.isError ?? false).toBe(false);
    // The documents went over as a JSON array: the relevant one ranks first.
    expect(result.content[0]?.text).toMatch(/"results":\[\{"index":0,"relevance_score":0\.\d+/);
    const inspector = await g.aig([
      'mcp',
      'call',
      'chat',
      '--tool-args-json',
      CHAT_ARGS,
      '--tool-arg',
      'model=moonshot/kimi-k2.6',
    ]);
    expect(inspector.code).toBe(0);
    expect(inspector.stdout).toContain('kimi-k2.6');
  });

  it('works over the legacy SSE transport', async () => {
    const r = await g.aig(['mcp', 'call', 'list_models', '--arg', 'modality=video', '--sse', '--json']);
    expect(r.code).toBe(0);
    expect(json<{ content: unknown[] }>(r).content.length).toBeGreaterThan(0);
  });

  it('exits non-zero when the result has isError, printing the result with --json', async () => {
    const args = [
      'mcp',
      'call',
      'chat',
      '--arg',
      'model=nope/nope',
      '--arg',
      'messages=[{"role":"user","content":"x"}]',
    ];
    const human = await g.aig(args);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^error: Tool chat failed: The model 'nope\/nope' does not exist.*\n$/);
    const r = await g.aig([...args, '--json']);
    expect(r.code).toBe(1);
    expect(json<{ isError: boolean }>(r).isError).toBe(true);
    expect(JSON.parse(r.stderr).error.code).toBe('tool_error');
  });

  it('reports a rejected key on the MCP endpoint as exit 3', async () => {
    const r = await g.bin(['mcp', 'tools'], { env: { AIGATEWAY_API_KEY: 'sk-aig-notthekey000000' } });
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
