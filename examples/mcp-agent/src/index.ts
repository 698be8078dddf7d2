import { existsSync } from 'node:fs';
import { APIError } from 'aigateway-js';
import { type McpAgentResult, runMcpAgent } from './agent.js';
import { runRawMcpAgent } from './raw-client.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const model = process.env.AIG_MODEL?.trim();
  if (!model)
    throw new Error('Set AIG_MODEL to the chat model for the chat tool (e.g. anthropic/claude-sonnet-4.6).');
  const prompt = process.env.AIG_PROMPT?.trim() || 'In one sentence: what is the Model Context Protocol?';
  const raw = process.argv.includes('--raw');

  let result: McpAgentResult;
  if (raw) {
    const apiKey = process.env.AIGATEWAY_API_KEY?.trim();
    if (!apiKey) throw new Error('Set AIGATEWAY_API_KEY.');
    const baseURL = process.env.AIGATEWAY_BASE_URL?.trim() || 'https://api.aigateway.sh/v1';
    result = await runRawMcpAgent({ model, prompt, apiKey, baseURL });
  } else {
    result = await runMcpAgent({ model, prompt }); // AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL
  }

  console.log(`${result.tools.length} tools (${raw ? '@modelcontextprotocol/sdk client' : 'connectMcp'}):`);
  for (const tool of result.tools) console.log(`  ${tool.name.padEnd(15)} ${tool.description}`);
  console.log(`\nchat (${model}): ${result.answer}`);
}

main().catch((error: unknown) => {
  const detail = error instanceof APIError && error.requestId ? ` (request ${error.requestId})` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  process.exitCode = 1;
});
