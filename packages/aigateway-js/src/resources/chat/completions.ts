import type { APIPromise } from '../../core/api-promise.js';
import { ChatCompletionStream } from '../../core/chat-stream.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { chatSchema, paths } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';

export type ChatCompletion = Schemas['ChatCompletion'];
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
export type ChatCompletionMessage = Schemas['ChatCompletionMessage'];
export type ChatCompletionMessageParam = Schemas['ChatMessage'];
/** A function the model may call; `parameters` is a JSON Schema object. */
export type FunctionDefinition = Schemas['FunctionDefinition'];
/** A JSON Schema object (`tools[].function.parameters`, `response_format.json_schema.schema`). */
export type JSONSchema = NonNullable<FunctionDefinition['parameters']>;
export type ChatCompletionTool = Schemas['Tool'];
export type ResponseFormatJSONSchema = Schemas['ResponseFormatJsonSchema'];
export type ChatCompletionResponseFormat = Schemas['ResponseFormat'];
export type ChatCompletionToolChoice = Schemas['ToolChoice'];
export type ChatCompletionUsage = Schemas['Usage'];
export type KnownChatModel = Schemas['KnownChatModel'];

/** Parameters of `chat.completions.create`. */
export interface ChatCompletionCreateParamsBase
  extends Omit<Schemas['ChatCompletionRequest'], 'model' | 'stream'> {
  /** A catalog slug (`anthropic/claude-sonnet-4.6`), a floating name, or `eval:<run_id>`. */
  model: ModelId<KnownChatModel>;
  stream?: boolean | null;
}
export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  /** Stream chunks; `stream_options.include_usage` defaults to true so `stream.usage` is exact. */
  stream: true;
}
export type ChatCompletionCreateParams =
  | ChatCompletionCreateParamsNonStreaming
  | ChatCompletionCreateParamsStreaming;

const METHOD = 'chat.completions.create';

export class Completions extends APIResource {
  /**
   * Creates a chat completion (`POST /v1/chat/completions`); with `stream: true`, resolves to a
   * `ChatCompletionStream` of chunks.
   *
   * @example
   * const completion = await client.chat.completions.create({
   *   model: 'anthropic/claude-sonnet-4.6',
   *   messages: [{ role: 'user', content: 'Say hi' }],
   * });
   */
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(
    body: ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): APIPromise<ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | ChatCompletionStream> {
    if (body?.stream !== true) {
      return this._client.post<ChatCompletion>(paths.createChatCompletion, {
        ...options,
        body,
        validate: [chatSchema, METHOD],
      });
    }
    const streamBody = { ...body, stream_options: { include_usage: true, ...body.stream_options } };
    return this._client.post(
      paths.createChatCompletion,
      { ...options, body: streamBody, stream: true, validate: [chatSchema, METHOD] },
      (raw) => new ChatCompletionStream(raw, body),
    );
  }
}
