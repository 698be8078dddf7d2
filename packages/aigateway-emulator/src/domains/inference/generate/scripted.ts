import { fnv1a } from '../../../util/hash.js';
import { countTokens } from '../../../util/text.js';
import type { ScenarioReply } from '../../control/scenario-schema.js';
import type { ChatPlan, ToolCall } from './chat.js';

const pieces = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

function toolCalls(calls: NonNullable<ScenarioReply['tool_calls']>): ToolCall[] {
  return calls.map((t, i) => {
    const args = typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments ?? {});
    return {
      id: t.id ?? `call_${fnv1a(`${t.name}|${args}|${i}`).toString(16).padStart(8, '0')}`,
      type: 'function',
      function: { name: t.name, arguments: args },
    };
  });
}

/**
 * A chat plan with what a scenario rule scripted put over the deterministic one: content (or the
 * stream's chunks joined), tool calls, finish reason, usage and the stream's chunking.
 */
export function scriptChat(plan: ChatPlan, reply: ScenarioReply | undefined): ChatPlan {
  if (!reply) return plan;
  const out: ChatPlan = { ...plan };
  const content = reply.content ?? reply.stream?.chunks?.join('');
  if (reply.tool_calls) {
    out.toolCalls = toolCalls(reply.tool_calls);
    out.content = content ?? null;
    out.finishReason = 'tool_calls';
    out.completionTokens =
      countTokens(out.content ?? '') + countTokens(out.toolCalls.map((t) => t.function.arguments).join(''));
  } else if (content !== undefined) {
    out.toolCalls = [];
    out.content = content;
    out.finishReason = 'stop';
    out.completionTokens = countTokens(content);
  }
  if (reply.finish_reason) out.finishReason = reply.finish_reason;
  if (reply.usage?.prompt_tokens !== undefined) out.promptTokens = reply.usage.prompt_tokens;
  if (reply.usage?.completion_tokens !== undefined) out.completionTokens = reply.usage.completion_tokens;
  const s = reply.stream;
  if (s?.chunks) out.chunks = s.chunks;
  else if (s?.chunk_size && out.content) out.chunks = pieces(out.content, s.chunk_size);
  return out;
}
