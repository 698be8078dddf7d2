import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_API_KEY } from '../../src/cli/args.js';
import { runGuideCommand, startBin } from './guide-commands.js';

// Copied verbatim from the agent integration guide ("MCP (agents auto-configure from the URL)").
const TOOLS_LIST = `curl -X POST https://api.aigateway.sh/mcp \\
  -H "Authorization: Bearer sk-aig-..." \\
  -H "Content-Type: application/json" \\
  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`;

const TOOLS_CALL = `curl -X POST https://api.aigateway.sh/mcp \\
  -H "Authorization: Bearer sk-aig-..." \\
  -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"chat","arguments":{"messages":[{"role":"user","content":"hi"}],"model":"anthropic/claude-opus-4.7"}}}'`;

let bin: Awaited<ReturnType<typeof startBin>>;
beforeAll(async () => {
  bin = await startBin();
});
afterAll(() => bin.stop());

describe("the guide's MCP commands, run as written against the emulator's bin", () => {
  it('tools/list answers the tool list as JSON, without initialize or Accept', async () => {
    const out = JSON.parse(await runGuideCommand(TOOLS_LIST, bin.origin, DEV_API_KEY));
    expect(out.id).toBe(1);
    expect(out.result.tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['chat', 'generate_video', 'rerank', 'list_models']),
    );
  });

  it('tools/call (no Content-Type) answers the chat reply', async () => {
    const out = JSON.parse(await runGuideCommand(TOOLS_CALL, bin.origin, DEV_API_KEY));
    expect(out.id).toBe(2);
    expect(out.result.isError).toBe(false);
    expect(out.result.content[0].text).toContain('anthropic/claude-opus-4.7');
  });
});
