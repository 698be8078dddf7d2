import type { components } from 'aigateway-contract/types';
import { ApiError } from '../../../http/errors.js';
import { fnv1a } from '../../../util/hash.js';
import { countTokens, excerpt } from '../../../util/text.js';
import type { ModelSpec } from '../../catalog/models.js';
import { type FileLookup, loadImage } from './image-input.js';
import { sampleSchema } from './schema-sample.js';

export type ChatMessage = components['schemas']['ChatMessage'];
interface ToolDef {
  type: 'function';
  function: { name: string; description?: string; parameters?: unknown };
}
/** A chat completion request, as the contract defines it (the route validated it against the same schema). */
export type ChatRequest = components['schemas']['ChatCompletionRequest'];

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The whole deterministic answer, computed before anything is sent (streams replay it). */
export interface ChatPlan {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  promptTokens: number;
  completionTokens: number;
  /** How a stream cuts the content (a scenario's chunking); default: word by word. */
  chunks?: string[];
}

const IMAGE_TOKENS = 85;

export function messageText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('\n');
}

function describeImages(req: ChatRequest, model: ModelSpec, lookup: FileLookup): string[] {
  const seen: string[] = [];
  req.messages.forEach((m, i) => {
    if (!Array.isArray(m.content)) return;
    m.content.forEach((p, j) => {
      if (p.type !== 'image_url' || !p.image_url) return;
      if (!model.capabilities.includes('vision')) {
        throw new ApiError(
          400,
          'invalid_value',
          `${model.id} does not accept images. Use a vision model such as google/gemini-3.1-pro, or send text only.`,
          { param: `messages[${i}].content[${j}]` },
        );
      }
      const image = loadImage(p.image_url.url, lookup, `messages[${i}].content[${j}].image_url.url`);
      seen.push(
        image.prompt
          ? `an image of “${excerpt(image.prompt, 80)}”`
          : `a ${image.width}×${image.height} image`,
      );
    });
  });
  return seen;
}

function pickTool(tools: ToolDef[], choice: ChatRequest['tool_choice'], prompt: string): ToolDef | undefined {
  if (choice && typeof choice === 'object')
    return tools.find((t) => t.function.name === choice.function.name);
  const words = new Set(prompt.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const overlap = (t: ToolDef) =>
    `${t.function.name} ${t.function.description ?? ''}`
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => words.has(w)).length;
  return [...tools].sort((a, b) => overlap(b) - overlap(a))[0];
}

function truncate(text: string, req: ChatRequest): { text: string; cut: boolean } {
  let out = text;
  const stops = typeof req.stop === 'string' ? [req.stop] : (req.stop ?? []);
  for (const s of stops) if (s && out.includes(s)) out = out.slice(0, out.indexOf(s));
  const max = req.max_completion_tokens ?? req.max_tokens;
  if (max && countTokens(out) > max) return { text: out.slice(0, max * 4), cut: true };
  return { text: out, cut: false };
}

/** Plans the completion: a tool call when tools are offered, JSON for JSON modes, else a reply quoting the prompt. */
export function planChat(req: ChatRequest, model: ModelSpec, lookup: FileLookup): ChatPlan {
  const images = describeImages(req, model, lookup);
  const promptTokens =
    req.messages.reduce((sum, m) => sum + 4 + countTokens(messageText(m.content)), 0) +
    images.length * IMAGE_TOKENS;
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user');
  const prompt = messageText(lastUser?.content);
  const last = req.messages[req.messages.length - 1];
  const tools = req.tools ?? [];

  if (tools.length > 0 && req.tool_choice !== 'none' && last?.role !== 'tool') {
    const tool = pickTool(tools, req.tool_choice, prompt);
    if (tool) {
      const args = JSON.stringify(sampleSchema(tool.function.parameters ?? { type: 'object' }, prompt) ?? {});
      const id = `call_${fnv1a(`${model.id}|${tool.function.name}|${args}|${req.messages.length}`).toString(16).padStart(8, '0')}`;
      return {
        content: null,
        toolCalls: [{ id, type: 'function', function: { name: tool.function.name, arguments: args } }],
        finishReason: 'tool_calls',
        promptTokens: promptTokens + tools.length * 20,
        completionTokens: countTokens(args) + 5,
      };
    }
  }

  let text: string;
  if (last?.role === 'tool') {
    const call = req.messages
      .flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []) : []))
      .find((c) => c.id === last.tool_call_id);
    text = `Here is what ${call?.function.name ?? 'the tool'} returned: ${excerpt(messageText(last.content), 300)}`;
  } else {
    const seen = images.length > 0 ? ` I see ${images.join(' and ')}.` : '';
    text = `Emulated reply from ${model.id} to “${excerpt(prompt, 300)}”.${seen}`;
  }
  if (req.response_format?.type === 'json_schema') {
    text = JSON.stringify(
      sampleSchema(req.response_format.json_schema?.schema ?? { type: 'object' }, prompt),
    );
  } else if (req.response_format?.type === 'json_object') {
    text = JSON.stringify({ model: model.id, reply: text });
  }
  const { text: content, cut } = truncate(text, req);
  return {
    content,
    toolCalls: [],
    finishReason: cut ? 'length' : 'stop',
    promptTokens,
    completionTokens: countTokens(content),
  };
}

export function usageOf(plan: ChatPlan) {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
  };
}

/** The non-streamed `chat.completion` object. */
export function completionObject(plan: ChatPlan, id: string, created: number, model: string) {
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: plan.content,
          refusal: null,
          ...(plan.toolCalls.length > 0 ? { tool_calls: plan.toolCalls } : {}),
        },
        finish_reason: plan.finishReason,
        logprobs: null,
      },
    ],
    usage: usageOf(plan),
    system_fingerprint: null,
  };
}
