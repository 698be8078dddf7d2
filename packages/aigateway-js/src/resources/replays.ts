import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { APIResource } from '../core/resource.js';
import { paths, replaySchema } from '../core/schemas.js';
import type { Schemas } from '../core/types.js';
import type { operations, paths as Paths } from '../generated/openapi.js';

/**
 * The operations a replay can re-run (those whose response links to `POST /v1/replays` in the
 * contract; test/resources/replays.test.ts checks the list against it).
 */
export type ReplayableOperation =
  | 'createChatCompletion'
  | 'createEmbedding'
  | 'createImage'
  | 'createSpeech'
  | 'createTranscription'
  | 'createModeration'
  | 'createTranslation'
  | 'createClassification'
  | 'createOcr'
  | 'createDetection'
  | 'createRerank';

/** A replayed speech request: the audio, base64 (`Replay.response` of `/v1/audio/speech`). */
export interface ReplayedSpeech {
  content_type: string;
  bytes: number;
  b64_data: string;
}

/** A replayed `response_format: 'text'` transcription: the transcript, trailing newline removed. */
export interface ReplayedText {
  text: string;
}

/** The path of an operation, as `Replay.endpoint` names it (`/v1/chat/completions`). */
type PathOf<Op extends ReplayableOperation> = {
  [P in keyof Paths]: Paths[P] extends { post: operations[Op] } ? P : never;
}[keyof Paths];

type JSONResponseOf<Op extends ReplayableOperation> = operations[Op]['responses'][200]['content'] extends {
  'application/json': infer Body;
}
  ? Body
  : never;

/** What a replay of each operation holds in `response`: its JSON body, or the wrapped audio or text. */
type ReplayResponseOf<Op extends ReplayableOperation> = Op extends 'createSpeech'
  ? ReplayedSpeech
  : Op extends 'createTranscription'
    ? JSONResponseOf<Op> | ReplayedText
    : JSONResponseOf<Op>;

/** A replay of one endpoint: `response` is that endpoint's result. */
export interface ReplayOf<Op extends ReplayableOperation>
  extends Omit<Schemas['Replay'], 'endpoint' | 'response'> {
  /** The replayed endpoint's path, e.g. `/v1/chat/completions`: check it to narrow `response`. */
  endpoint: PathOf<Op>;
  /** The new execution's result, typed as the replayed endpoint's response. */
  response: ReplayResponseOf<Op>;
}

/**
 * A replay; `response` is the new execution's result, typed by `endpoint`: the endpoint's JSON body,
 * or for the two results that are not JSON, `ReplayedSpeech` (speech audio, base64) and
 * `ReplayedText` (a `response_format: 'text'` transcription).
 *
 * @example
 * if (replay.endpoint === '/v1/chat/completions') console.log(replay.response.choices[0]?.message.content);
 */
export type Replay = { [Op in ReplayableOperation]: ReplayOf<Op> }[ReplayableOperation];

/** Parameters of `replays.create`. */
type ReplayRequestSchema = Schemas['ReplayRequest'];
export interface ReplayCreateParams extends ReplayRequestSchema {}

export class Replays extends APIResource {
  /**
   * Re-runs a past request on another model (`POST /v1/replays`).
   *
   * @example
   * const replay = await client.replays.create({ source_request_id: 'req_…', target_model: 'anthropic/claude-opus-4.7' });
   */
  create(body: ReplayCreateParams, options?: RequestOptions): APIPromise<Replay> {
    return this._client.post(paths.createReplay, {
      ...options,
      body,
      validate: [replaySchema, 'replays.create'],
    });
  }
}
