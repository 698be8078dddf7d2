import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnvelopeMcp, type ErrorStyle, startEnvelopeMcp } from '../helpers/envelope-mcp.js';
import { TEST_KEY } from '../helpers/gateway.js';
import { runInProcess } from '../helpers/in-process.js';

// `aig mcp call` against an MCP endpoint whose tool errors carry the gateway's envelope (the emulator's own,
// from a real call) only in a text part, as JSON or named in prose: the exit code and the --json error line are
// still the HTTP commands' for the same error. The emulator's own MCP tools (envelope in structuredContent) are
// tested in test/e2e/mcp.test.ts.
let gw: RunningEmulator;
let mcp: EnvelopeMcp;
let capped: { id: string; key: string };

beforeAll(async () => {
  gw = await startEmulator({ apiKey: TEST_KEY, seed: 7 });
  mcp = await startEnvelopeMcp(gw.url);
  const res = await fetch(`${gw.url}/sub-accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'capped', spend_cap_cents: 0 }),
  });
  capped = (await res.json()) as { id: string; key: string };
});
afterAll(async () => {
  await mcp.close();
  await gw.close();
});

function callChat(style: ErrorStyle, flags: string[], options: { key?: string; model?: string } = {}) {
  const args = JSON.stringify({
    model: options.model ?? 'openai/gpt-5.4',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return runInProcess(['--base-url', mcp.baseURL(style), ...flags, 'mcp', 'call', 'chat', '--args', args], {
    env: { AIGATEWAY_API_KEY: options.key ?? TEST_KEY },
  });
}

function errorLine(stderr: string): Record<string, unknown> {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return (JSON.parse(lines[0] as string) as { error: Record<string, unknown> }).error;
}

describe('aig mcp call: tool errors that carry the gateway’s error', () => {
  it('a tool that succeeds exits 0', async () => {
    const r = await callChat('json-text', []);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Emulated reply from openai/gpt-5.4');
  });

  it('4: a spend cap (envelope as the text) with the cap, spend, reset and sub-account', async () => {
    const r = await callChat('json-text', ['--json'], { key: capped.key });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ isError: true });
    expect(errorLine(r.stderr)).toMatchObject({
      code: 'budget_exceeded',
      type: 'budget_exceeded',
      status: 402,
      exit_code: 4,
      request_id: expect.stringMatching(/^req_[0-9a-f]{24}$/),
      spend_cap_cents: 0,
      spent_cents: 0,
      resets_at: expect.any(Number),
      sub_account_id: capped.id,
    });
    const human = await callChat('json-text', [], { key: capped.key });
    expect(human.code).toBe(4);
    expect(human.stderr).toMatch(
      /^error: Tool chat failed: Sub-account sa_\w+ reached .+ \(cap 0¢, spent 0¢, resets \d{4}-\d{2}-01\) \(X-Request-Id: req_\w+\)\n$/,
    );
  });

  it('7: a provider fault (envelope as the text) naming the provider', async () => {
    gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=502', count: 1 });
    const r = await callChat('json-text', ['--json']);
    expect(r.code).toBe(7);
    expect(errorLine(r.stderr)).toMatchObject({
      code: 'provider_error',
      type: 'provider_error',
      status: 502,
      exit_code: 7,
      provider: 'openai',
    });
  });

  it('6: a rate limit named in the text ("HTTP 429 rate_limit_error: …")', async () => {
    gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=429,retry-after=5', count: 1 });
    const r = await callChat('named', ['--json']);
    expect(r.code).toBe(6);
    expect(errorLine(r.stderr)).toMatchObject({
      code: 'rate_limit_exceeded',
      type: 'rate_limit_error',
      status: 429,
      exit_code: 6,
    });
  });

  it('3: a rejected key, and 5: an unknown model with suggestions', async () => {
    const rejected = await callChat('json-text', ['--json'], { key: 'sk-aig-notthekey00000000' });
    expect(rejected.code).toBe(3);
    expect(errorLine(rejected.stderr)).toMatchObject({ code: 'invalid_api_key', status: 401 });
    expect(rejected.stdout + rejected.stderr).not.toContain('sk-aig-notthekey00000000');
    const unknown = await callChat('json-text', ['--json'], { model: 'gpt-5.4' });
    expect(unknown.code).toBe(5);
    expect(errorLine(unknown.stderr)).toMatchObject({
      code: 'model_not_found',
      suggestions: expect.arrayContaining(['openai/gpt-5.4']),
    });
  });
});

describe('aig mcp call: a tool error without the gateway’s error', () => {
  it('1: bare text (the MCP SDK server’s unknown tool) exits 1 with tool_error and the text', async () => {
    const args = ['--base-url', mcp.baseURL('json-text'), 'mcp', 'call', 'no_such_tool'];
    const r = await runInProcess([...args, '--json'], { env: { AIGATEWAY_API_KEY: TEST_KEY } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ isError: true });
    expect(errorLine(r.stderr)).toEqual({
      code: 'tool_error',
      message: 'Tool no_such_tool failed: MCP error -32602: Tool no_such_tool not found',
      exit_code: 1,
      status: null,
      type: null,
      request_id: null,
    });
    const human = await runInProcess(args, { env: { AIGATEWAY_API_KEY: TEST_KEY } });
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(
      'error: Tool no_such_tool failed: MCP error -32602: Tool no_such_tool not found\n',
    );
  });
});
