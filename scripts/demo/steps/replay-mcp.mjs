// Replay a past request on another model, and call a tool on the gateway's MCP server.
import { check, expectExit, parseJson } from '../runner.mjs';
import { CHAT_MODEL } from './chat.mjs';

const TARGET_MODEL = 'moonshot/kimi-k2.6';

export const replay = {
  title: 'Replay onto another model',
  what: 'Rerun the streamed chat (by its request id) on a cheaper model to compare answers.',
  needs: ['chatRequestId'],
  async run({ aig, ui, values }) {
    const source = values.chatRequestId;
    const r = await aig(['replay', source, '--target-model', TARGET_MODEL, '--json']);
    expectExit(r, 0, 'aig replay');
    const result = parseJson(r.stdout, 'aig replay --json');
    const answer = result.response?.choices?.[0]?.message?.content ?? '';
    ui.output(
      `${result.id}: ${result.source_model} → ${result.target_model} as ${result.request_id}\n${answer}`,
    );
    check(result.source_request_id === source, `replayed ${result.source_request_id}, expected ${source}`);
    check(result.source_model === CHAT_MODEL, `the source model is ${result.source_model}`);
    check(result.response?.model === TARGET_MODEL, `the replay answered with ${result.response?.model}`);
    check(
      result.request_id !== source && /^req_/.test(result.request_id),
      'the replay has no new request id',
    );
    check(answer.length > 0, 'the replay returned no answer');
    return `${source} replayed on ${TARGET_MODEL} as ${result.request_id}`;
  },
};

export const mcpCall = {
  title: 'aig mcp call chat',
  what: 'The same gateway as an MCP server (Streamable HTTP): one tool per capability.',
  async run({ aig, ui }) {
    const args = {
      model: TARGET_MODEL,
      messages: [{ role: 'user', content: 'Say hello from MCP.' }],
    };
    const r = await aig(['mcp', 'call', 'chat', '--args', JSON.stringify(args), '--json']);
    expectExit(r, 0, 'aig mcp call chat');
    const result = parseJson(r.stdout, 'aig mcp call --json');
    const text = (result.content ?? [])
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n');
    ui.output(text);
    check(result.isError === false, `the chat tool returned isError: ${result.isError}`);
    check(text.length > 0, 'the chat tool returned no text');
    return `tool chat answered (${text.length} characters)`;
  },
};
