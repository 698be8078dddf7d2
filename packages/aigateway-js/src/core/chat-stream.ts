// A chat completion stream that also assembles the final message and the usage, even when the
// consumer stops early (openapi/README.md: the last chunk before [DONE] carries `usage` when
// `stream_options.include_usage` is true, which the SDK requests by default), and reports what
// arrives as events (content and tool-call deltas) for code that prefers callbacks to a loop.
import type { components } from '../generated/openapi.js';
import { TextBuffer } from '../internal/text-buffer.js';
import { APIUserAbortError } from './errors.js';
import type { RawResponse } from './request.js';
import { ndjsonSource, Stream, type StreamOutcome, type StreamSource } from './streaming.js';

type Schemas = components['schemas'];
type Chunk = Schemas['ChatCompletionChunk'];
type CompletionSchema = Schemas['ChatCompletion'];
type ToolCall = Schemas['ToolCall'];

/** Token usage of a streamed completion; `estimated` when the stream ended before the gateway reported it. */
export type ChatCompletionStreamUsage = Schemas['Usage'] & { estimated?: boolean };

/** The completion a stream assembles: a `ChatCompletion` whose `usage` says whether it was estimated. */
export interface FinalChatCompletion extends CompletionSchema {
  usage: ChatCompletionStreamUsage;
}

/** A piece of a tool call's `arguments` (of the first choice), with everything so far. */
export interface ToolCallArgumentsDeltaEvent {
  /** The tool call's `index` in the message. */
  index: number;
  /** The function's name (complete once its first delta has arrived). */
  name: string;
  /** The arguments so far (a JSON text that is complete only at `.done`). */
  arguments: string;
  /** What this chunk added. */
  arguments_delta: string;
}

/** A tool call (of the first choice) whose arguments are complete. */
export interface ToolCallArgumentsDoneEvent {
  index: number;
  name: string;
  arguments: string;
}

/** The events of a `ChatCompletionStream` and their listeners' signatures. */
export interface ChatCompletionStreamEvents {
  /** Every chunk, as the loop sees it. */
  chunk: (chunk: Chunk) => void;
  /** Text added to the first choice's message, with the whole text so far. */
  content: (delta: string, snapshot: string) => void;
  /** The first choice's text, once it is complete. */
  'content.done': (content: string) => void;
  'tool_calls.function.arguments.delta': (event: ToolCallArgumentsDeltaEvent) => void;
  'tool_calls.function.arguments.done': (event: ToolCallArgumentsDoneEvent) => void;
  /** The assembled completion, when the stream ended with `[DONE]`. */
  finalChatCompletion: (completion: FinalChatCompletion) => void;
  /** The stream failed (an error event, a cut, an idle timeout); `for await` throws the same error. */
  error: (error: Error) => void;
  /** The stream was aborted (`abort()`, the request's `signal`). */
  abort: (error: APIUserAbortError) => void;
  /** The stream ended, however it ended (after `finalChatCompletion`, `error` or `abort`). */
  end: () => void;
}

type EventName = keyof ChatCompletionStreamEvents;
type Listener = (...args: never[]) => void;

// Shared by every chunk without tool calls (nearly all), rather than a new [] each time.
const NO_TOOL_CALLS: readonly Schemas['ToolCallDelta'][] = [];
const NO_CHOICES: Chunk['choices'] = [];

interface ChoiceState {
  content: TextBuffer;
  refusal: string;
  toolCalls: Map<number, ToolCall>;
  finishReason: Schemas['FinishReason'] | null;
}

/** What a stream needs to know of its request: the messages, for the usage estimate. */
interface StreamRequest {
  messages?: readonly unknown[] | undefined;
}

/**
 * A stream of `ChatCompletionChunk`s, with `finalChatCompletion()`, `usage`, `tee()` and events.
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
  readonly #request: StreamRequest;
  readonly #promptChars: number;
  readonly #choices = new Map<number, ChoiceState>();
  /** `#choices.get(0)`, which nearly every chunk updates. */
  #first: ChoiceState | undefined;
  #reported: Schemas['Usage'] | undefined;
  #head: Pick<Chunk, 'id' | 'created' | 'model' | 'system_fingerprint'> | undefined;
  #listeners: Map<EventName, Set<Listener>> | undefined;
  // Event bookkeeping, used only once a listener is registered.
  #snapshot = '';
  #contentDone = false;
  #openToolCall: number | undefined;

  /** @internal */
  constructor(source: RawResponse | StreamSource<Chunk>, request: StreamRequest = {}) {
    super(source);
    this.#request = request;
    this.#promptChars = charsOf(request.messages);
    this.usage = new Promise((resolve) => {
      this.#resolveUsage = resolve;
    });
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
  }

  /**
   * The stream `toReadableStream()` wrote (newline-delimited JSON chunks), read back: e.g. in a
   * browser, from the body of a `fetch` to your server. It has the same loop, `finalChatCompletion()`,
   * `usage` and events; `abort()` (or `controller`) cancels the body.
   *
   * @example
   * const res = await fetch('/api/chat', { method: 'POST', body });
   * const stream = ChatCompletionStream.fromReadableStream(res.body!);
   * for await (const chunk of stream) render(chunk.choices[0]?.delta.content ?? '');
   */
  static fromReadableStream(
    readable: ReadableStream<Uint8Array>,
    controller: AbortController = new AbortController(),
  ): ChatCompletionStream {
    return new ChatCompletionStream(ndjsonSource<Chunk>(readable, controller));
  }

  /**
   * Two streams that each yield every chunk and assemble their own completion and usage (e.g. one
   * forwarded to the browser, one stored). They share the connection: aborting either aborts both.
   */
  override tee(): [ChatCompletionStream, ChatCompletionStream] {
    const [left, right] = this._teeSources();
    return [this._fromSource(left), this._fromSource(right)];
  }

  /** @internal */
  protected override _fromSource(source: StreamSource<Chunk>): ChatCompletionStream {
    return new ChatCompletionStream(source, this.#request);
  }

  /**
   * Calls `listener` on each `event` as the stream is consumed — by a `for await` loop,
   * `finalChatCompletion()` or `done()`. Content and tool-call events follow the first choice.
   *
   * @example
   * stream.on('content', (delta) => process.stdout.write(delta));
   * stream.on('tool_calls.function.arguments.done', (call) => run(call.name, call.arguments));
   * await stream.done();
   */
  on<E extends EventName>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    this.#listeners ??= new Map();
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener);
    return this;
  }

  /** Removes a listener added with `on()` or `once()`. */
  off<E extends EventName>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    this.#listeners?.get(event)?.delete(listener as Listener);
    return this;
  }

  /** Like `on()`, for the next `event` only. */
  once<E extends EventName>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    const wrapped = ((...args: never[]) => {
      this.off(event, wrapped as ChatCompletionStreamEvents[E]);
      (listener as Listener)(...args);
    }) as ChatCompletionStreamEvents[E];
    return this.on(event, wrapped);
  }

  /**
   * Consumes the stream (or waits for the current consumer to finish); resolves when it has ended
   * with `[DONE]` or was left with `break`, rejects with its error otherwise.
   */
  async done(): Promise<void> {
    if (!this.started) for await (const _ of this);
    const outcome = await this.#ended;
    if (outcome.kind === 'error') throw outcome.error;
  }

  /**
   * Consumes the stream (or waits for the current consumer to finish) and resolves with the
   * assembled completion: content, tool calls, finish reason and usage (`usage.estimated` when the
   * gateway's figures did not arrive).
   */
  async finalChatCompletion(): Promise<FinalChatCompletion> {
    if (!this.started) for await (const _ of this);
    const outcome = await this.#ended;
    if (outcome.kind === 'error') throw outcome.error;
    if (outcome.kind === 'stopped') throw new APIUserAbortError('The stream was stopped before it finished.');
    return this.#assemble(await this.usage);
  }

  // Runs for every chunk, so it reads each field once, keeps the first choice's state at hand (no
  // Map lookup) and leaves tool calls and events to methods that run only when there are some.
  protected override _onChunk(chunk: Chunk): void {
    let choices = chunk.choices;
    // The usage chunk has `choices: []`; a gateway that left the field out must not break
    // `chunk.choices[0]?.delta` in the caller's loop.
    if (choices === undefined) chunk.choices = choices = NO_CHOICES;
    if (this.#head === undefined) {
      this.#head = {
        id: chunk.id,
        created: chunk.created,
        model: chunk.model,
        system_fingerprint: chunk.system_fingerprint,
      };
    }
    const usage = chunk.usage;
    if (usage) this.#reported = usage;
    const events = this.#listeners;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i] as Chunk['choices'][number];
      const index = choice.index;
      const state = index === 0 ? (this.#first ?? this.#state(0)) : this.#state(index);
      const delta = choice.delta;
      if (delta) {
        const content = delta.content;
        if (content) state.content.append(content);
        if (delta.refusal) state.refusal += delta.refusal;
        if (delta.tool_calls) addToolCalls(state, delta.tool_calls);
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
      if (events && index === 0) this.#emitChoice(choice, state);
    }
    if (events) this.#emit('chunk', chunk);
  }

  /** The state of choice `index`, created on its first chunk. */
  #state(index: number): ChoiceState {
    let state = this.#choices.get(index);
    if (!state) {
      state = { content: new TextBuffer(), refusal: '', toolCalls: new Map(), finishReason: null };
      this.#choices.set(index, state);
      if (index === 0) this.#first = state;
    }
    return state;
  }

  protected override _onEnd(outcome: StreamOutcome): void {
    const usage = this.#reported ?? this.#estimate();
    this.#resolveUsage(usage);
    this.#resolveEnded(outcome);
    if (!this.#listeners) return;
    try {
      if (outcome.kind === 'done') {
        const first = this.#choices.get(0);
        if (first) this.#finishChoice(first);
        this.#emit('finalChatCompletion', this.#assemble(usage));
      } else if (outcome.kind === 'error') {
        if (outcome.error instanceof APIUserAbortError) this.#emit('abort', outcome.error);
        else this.#emit('error', outcome.error);
      }
    } finally {
      this.#emit('end');
    }
  }

  protected override _partialState(): { content: string; toolCalls: ToolCall[] } {
    const first = this.#choices.get(0);
    return { content: first?.content.toString() ?? '', toolCalls: first ? toolCallsOf(first) : [] };
  }

  #emit<E extends EventName>(event: E, ...args: Parameters<ChatCompletionStreamEvents[E]>): void {
    const set = this.#listeners?.get(event);
    if (!set) return;
    for (const listener of [...set]) (listener as (...a: typeof args) => void)(...args);
  }

  // Content and tool-call events of the first choice, after its state took the chunk in.
  #emitChoice(choice: Chunk['choices'][number], state: ChoiceState): void {
    const delta = choice.delta ?? {};
    if (delta.content) {
      this.#snapshot += delta.content;
      this.#emit('content', delta.content, this.#snapshot);
    }
    for (const call of delta.tool_calls ?? NO_TOOL_CALLS) {
      // A new tool call means the previous one is complete.
      if (this.#openToolCall !== undefined && this.#openToolCall !== call.index) {
        this.#toolCallDone(state, this.#openToolCall);
      }
      this.#openToolCall = call.index;
      const known = state.toolCalls.get(call.index);
      if (known && call.function?.arguments) {
        this.#emit('tool_calls.function.arguments.delta', {
          index: call.index,
          name: known.function.name,
          arguments: known.function.arguments,
          arguments_delta: call.function.arguments,
        });
      }
    }
    if (choice.finish_reason) this.#finishChoice(state);
  }

  #finishChoice(state: ChoiceState): void {
    if (this.#openToolCall !== undefined) this.#toolCallDone(state, this.#openToolCall);
    if (!this.#contentDone && this.#snapshot) {
      this.#contentDone = true;
      this.#emit('content.done', this.#snapshot);
    }
  }

  #toolCallDone(state: ChoiceState, index: number): void {
    this.#openToolCall = undefined;
    const call = state.toolCalls.get(index);
    if (call) {
      this.#emit('tool_calls.function.arguments.done', {
        index,
        name: call.function.name,
        arguments: call.function.arguments,
      });
    }
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

  #assemble(usage: ChatCompletionStreamUsage): FinalChatCompletion {
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

// Tool-call deltas into a choice's tool calls: the first delta of a call has its id and name, the
// later ones pieces of its arguments (and, from some providers, of its name).
function addToolCalls(state: ChoiceState, calls: readonly Schemas['ToolCallDelta'][]): void {
  for (const call of calls) {
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
