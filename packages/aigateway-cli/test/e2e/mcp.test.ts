import { describe, expect, it } from 'vitest';
import { json, useGateway } from '../helpers/gateway.js';
import type { RunResult } from '../helpers/in-process.js';

const g = useGateway();

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

  it('reports a rejected key on the MCP endpoint as exit 3', async () => {
    const r = await g.bin(['mcp', 'tools'], { env: { AIGATEWAY_API_KEY: 'sk-aig-notthekey000000' } });
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

// The emulator's tools answer a failed call with the gateway's envelope in structuredContent (as the HTTP call
// gets it): `aig mcp call` exits as the HTTP commands do, and its error line carries type, code and request id.
describe('aig mcp call: the gateway’s tool errors', () => {
  const REQUEST_ID = /^req_[0-9a-f]{24}$/;

  function chat(flags: string[], options: { key?: string; model?: string; messages?: unknown } = {}) {
    const args = {
      model: options.model ?? 'openai/gpt-5.4',
      messages: options.messages ?? [{ role: 'user', content: 'hi' }],
    };
    return g.aig(['mcp', 'call', 'chat', '--args', JSON.stringify(args), ...flags], {
      env: options.key ? { AIGATEWAY_API_KEY: options.key } : {},
    });
  }

  /** The one JSON error line on stderr, after the tools/call result on stdout. */
  function errorLine(r: RunResult): Record<string, unknown> {
    expect(json<{ isError: boolean }>(r).isError).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    return (JSON.parse(lines[0] as string) as { error: Record<string, unknown> }).error;
  }

  it('4: a sub-account whose spend cap a real call used up, with the envelope fields', async () => {
    const sub = json<{ id: string; key: string }>(
      await g.aig(['sub-account', 'create', '--name', 'mcp-capped', '--spend-cap-cents', '4', '--json']),
    );
    // A 4-cent image fits the 4-cent cap exactly (checked before dispatch), then the cap is used up.
    const image = await g.aig(['call', 'openai/gpt-image-1', 'a red fox', '--json'], {
      env: { AIGATEWAY_API_KEY: sub.key },
    });
    expect(image.code, image.stderr).toBe(0);
    const r = await chat(['--json'], { key: sub.key });
    expect(r.code).toBe(4);
    expect(errorLine(r)).toEqual({
      code: 'budget_exceeded',
      message: expect.stringMatching(/^Tool chat failed: Sub-account sa_\w+ reached its monthly spend cap/),
      exit_code: 4,
      status: 402,
      type: 'budget_exceeded',
      request_id: expect.stringMatching(REQUEST_ID),
      spend_cap_cents: 4,
      spent_cents: 4,
      reserved_cents: 0,
      resets_at: expect.any(Number),
      sub_account_id: sub.id,
    });
    const human = await chat([], { key: sub.key });
    expect(human.code).toBe(4);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(
      /^error: Tool chat failed: Sub-account sa_\w+ reached .+ \(X-Request-Id: req_[0-9a-f]{24}\)\n$/,
    );
    expect(human.stdout + human.stderr + r.stdout + r.stderr).not.toContain(sub.key);
  });

  it('6: a rate limit, with retry_after; 7: a provider fault, naming the provider', async () => {
    g.gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=429,retry-after=5', count: 1 });
    const limited = await chat(['--json']);
    expect(limited.code).toBe(6);
    expect(errorLine(limited)).toMatchObject({
      code: 'rate_limit_exceeded',
      type: 'rate_limit_error',
      status: 429,
      exit_code: 6,
      request_id: expect.stringMatching(REQUEST_ID),
      retry_after: 5,
    });
    g.gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=502', count: 1 });
    const failed = await chat([]);
    expect(failed.code).toBe(7);
    expect(failed.stderr).toMatch(/\(provider openai\) \(X-Request-Id: req_[0-9a-f]{24}\)\n$/);
  });

  it('5: an unknown model; 2: arguments the tool rejects, with param; also over legacy SSE', async () => {
    const unknown = await chat(['--json'], { model: 'nope/nope' });
    expect(unknown.code).toBe(5);
    expect(errorLine(unknown)).toMatchObject({
      code: 'model_not_found',
      type: 'not_found_error',
      status: 404,
      request_id: expect.stringMatching(REQUEST_ID),
      param: 'model',
    });
    for (const transport of [[], ['--sse']]) {
      const bad = await chat(['--json', ...transport], { messages: [{ role: 'user', content: 3 }] });
      expect(bad.code).toBe(2);
      expect(errorLine(bad)).toMatchObject({
        code: 'invalid_type',
        type: 'invalid_request_error',
        status: 400,
        request_id: expect.stringMatching(REQUEST_ID),
        param: 'messages[0].content',
      });
    }
  });

  it('5: an unknown tool name, with the not_found envelope and the closest tool', async () => {
    const r = await g.aig(['mcp', 'call', 'no_such_tool', '--json']);
    expect(r.code).toBe(5);
    expect(errorLine(r)).toEqual({
      code: 'not_found',
      message: expect.stringMatching(
        /^Tool no_such_tool failed: There is no tool named 'no_such_tool'.+tools\/list/,
      ),
      exit_code: 5,
      status: 404,
      type: 'not_found_error',
      request_id: expect.stringMatching(REQUEST_ID),
    });
    const human = await g.bin(['mcp', 'call', 'chatt']);
    expect(human.code).toBe(5);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(
      /^error: Tool chatt failed: There is no tool named 'chatt'\. Did you mean 'chat'\?.+ \(X-Request-Id: req_[0-9a-f]{24}\)\n$/,
    );
  });
});
