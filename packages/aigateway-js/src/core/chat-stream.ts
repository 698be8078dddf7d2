// A chat completion stream that also assembles the final message and the usage, even when the
// consumer stops early (openapi/README.md: the last chunk before [DONE] carries `usage` when
// `stream_options.include_usage` is true, which the SDK requests by default).
import type { components } from '../generated/openapi.js';
import { TextBuffer } from '../internal/text-buffer.js';
import { APIUserAbortError } from './errors.js';
import type { RawResponse } from './request.js';
import { Stream, type StreamOutcome } from './streaming.js';

type Schemas = components['schemas'];
type Chunk = Schemas['ChatCompletionChunk'];
type Completion = Schemas['ChatCompletion'];
type ToolCall = Schemas['ToolCall'];

/** Token usage of a streamed completion; `estimated` when the stream ended before the gateway reported it. */
export type ChatCompletionStreamUsage = Schemas['Usage'] & { estimated?: boolean };

// Shared by every chunk without tool calls (nearly all), rather than a new [] each time.
const NO_TOOL_CALLS: readonly Schemas['ToolCallDelta'][] = [];

interface ChoiceState {
  content: TextBuffer;
  refusal: string;
  toolCalls: Map<number, ToolCall>;
  finishReason: Schemas['FinishReason'] | null;
}

/**
 * A stream of `ChatCompletionChunk`s, with `finalChatCompletion()` and `usage`.
 *
 * @example
 * const stream = await client.chat.completions.create({ model, messages, stream: true });
 * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 * console.log(await stream.usage);
 */
export class ChatCompletionStream extends Stream<Chunk> {
  /**
   * Usage, once the stream ends however it ends: the gateway's figures when the usage chunk
   * arrived, otherwise an estimate (about 4 characters per token) flagged `estimated: true`.
   * Never rejects.
   */
  readonly usage: Promise<ChatCompletionStreamUsage>;
  readonly #ended: Promise<StreamOutcome>;
  #resolveEnded!: (outcome: StreamOutcome) => void;
  #resolveUsage!: (usage: ChatCompletionStreamUsage) => void;
  readonly #promptChars: number;
  readonly #choices = new Map<number, ChoiceState>();
  #reported: Schemas['Usage'] | undefined;
  #head: Pick<Chunk, 'id' | 'created' | 'model' | 'system_fingerprint'> | undefined;

  /** @internal */
  constructor(raw: RawResponse, request: { messages?: readonly unknown[] }) {
    super(raw);
    this.#promptChars = charsOf(request.messages);
    this.usage = new Promise((resolve) => {
      this.#resolveUsage = resolve;
    });
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
  }

  /**
   * Consumes the stream (or waits for the current consumer to finish) and resolves with the
   * assembled completion: content, tool calls, finish reason and usage.
   */
  async finalChatCompletion(): Promise<Completion> {
    if (!this.started) for await (const _ of this);
    const outcome = await this.#ended;
    if (outcome.kind === 'error') throw outcome.error;
    if (outcome.kind === 'stopped') throw new APIUserAbortError('The stream was stopped before it finished.');
    return this.#assemble(await this.usage);
  }

  protected override _onChunk(chunk: Chunk): void {
    this.#head ??= {
      id: chunk.id,
      created: chunk.created,
      model: chunk.model,
      system_fingerprint: chunk.system_fingerprint,
    };
    if (chunk.usage) this.#reported = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      let state = this.#choices.get(choice.index);
      if (!state) {
        state = { content: new TextBuffer(), refusal: '', toolCalls: new Map(), finishReason: null };
        this.#choices.set(choice.index, state);
      }
      const delta = choice.delta ?? {};
      if (delta.content) state.content.append(delta.content);
      if (delta.refusal) state.refusal += delta.refusal;
      for (const call of delta.tool_calls ?? NO_TOOL_CALLS) {
        const known = state.toolCalls.get(call.index);
        if (known) {
          known.function.arguments += call.function?.arguments ?? '';
          if (call.function?.name) known.function.name += call.function.name;
        } else {
          state.toolCalls.set(call.index, {
            id: call.id ?? '',
            type: 'function',
            function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
          });
        }
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
    }
  }

  protected override _onEnd(outcome: StreamOutcome): void {
    this.#resolveUsage(this.#reported ?? this.#estimate());
    this.#resolveEnded(outcome);
  }

  protected override _partialState(): { content: string; toolCalls: ToolCall[] } {
    const first = this.#choices.get(0);
    return { content: first?.content.toString() ?? '', toolCalls: first ? toolCallsOf(first) : [] };
  }

  #estimate(): ChatCompletionStreamUsage {
    let chars = 0;
    for (const state of this.#choices.values()) {
      chars += state.content.toString().length + state.refusal.length;
      for (const call of state.toolCalls.values())
        chars += call.function.name.length + call.function.arguments.length;
    }
    const prompt = Math.ceil(this.#promptChars / 4);
    const completion = Math.ceil(chars / 4);
    return {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      estimated: true,
    };
  }

  #assemble(usage: ChatCompletionStreamUsage): Completion {
    const choices = [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const toolCalls = toolCallsOf(state);
        return {
          index,
          message: {
            role: 'assistant' as const,
            content: state.content.toString() || (toolCalls.length ? null : ''),
            ...(state.refusal ? { refusal: state.refusal } : {}),
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          },
          finish_reason: state.finishReason ?? 'stop',
        };
      });
    return {
      id: this.#head?.id ?? '',
      object: 'chat.completion',
      created: this.#head?.created ?? 0,
      model: this.#head?.model ?? '',
      choices,
      usage,
      ...(this.#head?.system_fingerprint ? { system_fingerprint: this.#head.system_fingerprint } : {}),
    };
  }
}

// A choice's tool calls in index order, as copies (a partial result must not change as the stream goes on).
function toolCallsOf(state: ChoiceState): ToolCall[] {
  return [...state.toolCalls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => ({ ...call, function: { ...call.function } }));
}

// Characters of text in the request's messages, for the usage estimate.
function charsOf(messages: readonly unknown[] | undefined): number {
  let chars = 0;
  for (const message of messages ?? []) {
    const content = (message as { content?: unknown } | null)?.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        const text = (part as { text?: unknown } | null)?.text;
        if (typeof text === 'string') chars += text.length;
      }
    }
  }
  return chars;
}
