import type { APIPromise } from '../../core/api-promise.js';
import { ChatCompletionStream } from '../../core/chat-stream.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { chatSchema } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';

export type ChatCompletion = Schemas['ChatCompletion'];
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
export type ChatCompletionMessage = Schemas['ChatCompletionMessage'];
export type ChatCompletionMessageParam = Schemas['ChatMessage'];
// The contract declares JSON Schemas as free-form objects, which openapi-typescript renders as
// `Record<string, never>` (no key allowed); they are widened here so schemas can be passed.
/** A JSON Schema object. */
export type JSONSchema = Record<string, unknown>;
export interface FunctionDefinition extends Omit<Schemas['FunctionDefinition'], 'parameters'> {
  /** The function's parameters as a JSON Schema. */
  parameters?: JSONSchema;
}
export interface ChatCompletionTool extends Omit<Schemas['Tool'], 'function'> {
  function: FunctionDefinition;
}
type JSONSchemaFormatSpec = Schemas['ResponseFormatJsonSchema']['json_schema'];
export interface ResponseFormatJSONSchema extends Omit<Schemas['ResponseFormatJsonSchema'], 'json_schema'> {
  json_schema: Omit<JSONSchemaFormatSpec, 'schema'> & { schema?: JSONSchema };
}
export type ChatCompletionResponseFormat =
  | Schemas['ResponseFormatText']
  | Schemas['ResponseFormatJsonObject']
  | ResponseFormatJSONSchema;
export type ChatCompletionToolChoice = Schemas['ToolChoice'];
export type ChatCompletionUsage = Schemas['Usage'];
export type KnownChatModel = Schemas['KnownChatModel'];

/** Parameters of `chat.completions.create`. */
export interface ChatCompletionCreateParamsBase
  extends Omit<Schemas['ChatCompletionRequest'], 'model' | 'stream' | 'tools' | 'response_format'> {
  /** A catalog slug (`anthropic/claude-sonnet-4.6`), a floating name, or `eval:<run_id>`. */
  model: ModelId<KnownChatModel>;
  stream?: boolean | null;
  /** Functions the model may call. */
  tools?: ChatCompletionTool[];
  response_format?: ChatCompletionResponseFormat;
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
      return this._client.post<ChatCompletion>('/chat/completions', {
        ...options,
        body,
        validate: [chatSchema, METHOD],
      });
    }
    const streamBody = { ...body, stream_options: { include_usage: true, ...body.stream_options } };
    return this._client.post(
      '/chat/completions',
      { ...options, body: streamBody, stream: true, validate: [chatSchema, METHOD] },
      (raw) => new ChatCompletionStream(raw, body),
    );
  }
}
