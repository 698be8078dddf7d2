import type { APIPromise } from '../../core/api-promise.js';
import type { RequestOptions } from '../../core/options.js';
import { APIResource } from '../../core/resource.js';
import { paths, speechSchema } from '../../core/schemas.js';
import type { ModelId, Schemas } from '../../core/types.js';

export type KnownSpeechModel = Schemas['KnownSpeechModel'];

/** Parameters of `audio.speech.create`. */
export interface SpeechCreateParams extends Omit<Schemas['SpeechRequest'], 'model'> {
  model: ModelId<KnownSpeechModel>;
}

export class Speech extends APIResource {
  /**
   * Text to speech (`POST /v1/audio/speech`). Resolves to the raw `Response` (binary audio):
   * read it with `.arrayBuffer()`, or stream `.body` to a file.
   *
   * @example
   * const audio = await client.audio.speech.create({ model: 'deepgram/aura-2-en', input: 'Hi', voice: 'asteria' });
   * await fs.promises.writeFile('hi.mp3', Buffer.from(await audio.arrayBuffer()));
   */
  create(body: SpeechCreateParams, options?: RequestOptions): APIPromise<Response> {
    const headers = { accept: '*/*', ...options?.headers };
    return this._client.post(
      paths.createSpeech,
      { ...options, headers, body, validate: [speechSchema, 'audio.speech.create'] },
      'binary',
    );
  }
}
