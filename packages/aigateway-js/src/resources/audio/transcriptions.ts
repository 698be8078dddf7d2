import type { APIPromise } from '../../core/api-promise.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { paths, transcriptionSchema } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';
import { multipartBody, type Uploadable } from '../../core/uploads.js';

type TranscriptionSchema = Schemas['Transcription'];
export interface Transcription extends TranscriptionSchema {}
type TranscriptionVerboseSchema = Schemas['TranscriptionVerbose'];
export interface TranscriptionVerbose extends TranscriptionVerboseSchema {}
export type KnownTranscriptionModel = Schemas['KnownTranscriptionModel'];

/** Parameters of `audio.transcriptions.create`. */
export interface TranscriptionCreateParams extends Omit<Schemas['TranscriptionRequest'], 'model' | 'file'> {
  /** The audio: a file path, a Buffer/Uint8Array, a Blob/File, a ReadableStream, a Node Readable or a `toFile()` result. */
  file: Uploadable;
  model: ModelId<KnownTranscriptionModel>;
}

export class Transcriptions extends APIResource {
  /**
   * Speech to text (`POST /v1/audio/transcriptions`, multipart). `response_format: 'text'`
   * resolves to a string, `'verbose_json'` to segments and language, otherwise `{ text }`.
   *
   * @example
   * const { text } = await client.audio.transcriptions.create({ model: 'openai/whisper-large-v3-turbo', file: 'call.m4a' });
   */
  create(
    body: TranscriptionCreateParams & { response_format: 'text' },
    options?: RequestOptions,
  ): APIPromise<string>;
  create(
    body: TranscriptionCreateParams & { response_format: 'verbose_json' },
    options?: RequestOptions,
  ): APIPromise<TranscriptionVerbose>;
  create(
    body: TranscriptionCreateParams & { response_format?: 'json' },
    options?: RequestOptions,
  ): APIPromise<Transcription>;
  create(
    body: TranscriptionCreateParams,
    options?: RequestOptions,
  ): APIPromise<Transcription | TranscriptionVerbose | string>;
  create(
    body: TranscriptionCreateParams,
    options?: RequestOptions,
  ): APIPromise<Transcription | TranscriptionVerbose | string> {
    return this._client.post(
      paths.createTranscription,
      {
        ...options,
        body: multipartBody({ ...body }, ['file']),
        validate: [transcriptionSchema, 'audio.transcriptions.create', body],
      },
      body?.response_format === 'text' ? 'text' : 'json',
    );
  }
}
