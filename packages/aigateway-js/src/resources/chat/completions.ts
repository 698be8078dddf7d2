import type { APIPromise } from '../../core/api-promise.js';
import { ChatCompletionStream } from '../../core/chat-stream.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { chatSchema, paths } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';

type ChatCompletionSchema = Schemas['ChatCompletion'];
export interface ChatCompletion extends ChatCompletionSchema {}
type ChatCompletionChunkSchema = Schemas['ChatCompletionChunk'];
export interface ChatCompletionChunk extends ChatCompletionChunkSchema {}
type ChatCompletionMessageSchema = Schemas['ChatCompletionMessage'];
export interface ChatCompletionMessage extends ChatCompletionMessageSchema {}
export type ChatCompletionMessageParam = Schemas['ChatMessage'];
type FunctionDefinitionSchema = Schemas['FunctionDefinition'];
/** A function the model may call; `parameters` is a JSON Schema object. */
export interface FunctionDefinition extends FunctionDefinitionSchema {}
/** A JSON Schema object (`tools[].function.parameters`, `response_format.json_schema.schema`). */
export type JSONSchema = NonNullable<FunctionDefinition['parameters']>;
type ChatCompletionToolSchema = Schemas['Tool'];
export interface ChatCompletionTool extends ChatCompletionToolSchema {}
type ResponseFormatJSONSchemaSchema = Schemas['ResponseFormatJsonSchema'];
export interface ResponseFormatJSONSchema extends ResponseFormatJSONSchemaSchema {}
export type ChatCompletionResponseFormat = Schemas['ResponseFormat'];
export type ChatCompletionToolChoice = Schemas['ToolChoice'];
type ChatCompletionUsageSchema = Schemas['Usage'];
export interface ChatCompletionUsage extends ChatCompletionUsageSchema {}
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
