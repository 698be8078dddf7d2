import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { AuthenticationError } from 'aigateway-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMcpAgent } from '../src/agent.js';
import { mcpUrl, runRawMcpAgent } from '../src/raw-client.js';

const run = promisify(execFile);
let gw: RunningEmulator;
let model: string;

// One tool per capability, as the contract lists them.
const CAPABILITY_TOOLS = [
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

/** The answer the REST endpoint gives, to compare with what the MCP tool returns. */
async function restAnswer(prompt: string): Promise<string> {
  const res = await fetch(`${gw.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }] }),
  });
  const body = (await res.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]?.message.content ?? '';
}

beforeAll(async () => {
  gw = await startEmulator();
  const res = await fetch(`${gw.url}/models`, { headers: { authorization: `Bearer ${gw.apiKey}` } });
  const { data } = (await res.json()) as { data: { id: string; modality: string; floating: boolean }[] };
  model = data.find((m) => m.modality === 'chat' && !m.floating)?.id ?? '';
});
afterAll(() => gw.close());

describe('runMcpAgent (connectMcp from aigateway-js/mcp)', () => {
  it('lists one tool per capability and answers through the chat tool like the REST API', async () => {
    const prompt = 'What is a tool call?';
    const charges = gw.control.charges().length;
    const result = await runMcpAgent({ model, prompt, apiKey: gw.apiKey, baseURL: gw.url });
    expect(result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(CAPABILITY_TOOLS));
    expect(result.tools.find((t) => t.name === 'chat')?.description).not.toBe('');
    expect(result.answer).toBe(await restAnswer(prompt));
    expect(gw.control.charges().length).toBe(charges + 2); // the MCP call and the REST one, both metered
  });

  it('works over the legacy SSE transport too', async () => {
    const result = await runMcpAgent({
      model,
      prompt: 'hi',
      apiKey: gw.apiKey,
      baseURL: gw.url,
      transport: 'sse',
    });
    expect(result.answer).toBe(await restAnswer('hi'));
  });

  it('turns a tool-level failure into an error with the gateway’s message', async () => {
    await expect(
      runMcpAgent({ model: 'nobody/no-such-model', prompt: 'hi', apiKey: gw.apiKey, baseURL: gw.url }),
    ).rejects.toThrow(/^MCP tool chat failed: .*no-such-model/);
  });

  it('rejects a wrong key with a typed AuthenticationError', async () => {
    await expect(
      runMcpAgent({ model, prompt: 'hi', apiKey: 'sk-aig-wrong', baseURL: gw.url }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('runRawMcpAgent (the official @modelcontextprotocol/sdk client)', () => {
  it('gets the same tools and answer as connectMcp', async () => {
    const options = { model, prompt: 'Explain MCP.', apiKey: gw.apiKey, baseURL: gw.url };
    const [raw, wrapped] = await Promise.all([runRawMcpAgent(options), runMcpAgent(options)]);
    expect(raw).toEqual(wrapped);
  });

  it('finds /mcp beside /v1', () => {
    expect(mcpUrl('https://api.aigateway.sh/v1').href).toBe('https://api.aigateway.sh/mcp');
    expect(mcpUrl('http://127.0.0.1:4010/v1/').href).toBe('http://127.0.0.1:4010/mcp');
    expect(mcpUrl('https://example.com/gateway/v1').href).toBe('https://example.com/gateway/mcp');
  });
});

describe('pnpm start', () => {
  it('runs as a process and prints the tools and the chat answer', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: {
        PATH: process.env.PATH,
        AIGATEWAY_API_KEY: gw.apiKey,
        AIGATEWAY_BASE_URL: gw.url,
        AIG_MODEL: model,
        AIG_PROMPT: 'ping',
      },
    });
    expect(stdout).toMatch(/^\d+ tools \(connectMcp\):$/m);
    expect(stdout).toMatch(/^ {2}list_models +\S/m);
    expect(stdout).toContain(`chat (${model}): ${await restAnswer('ping')}`);
  });
});
