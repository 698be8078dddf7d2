import { APIPromise, isWholeBodyParser, parseBinary, parseJSON, parseText } from './core/api-promise.js';
import { type ClientConfig, resolveConfig } from './core/config.js';
import * as Errors from './core/errors.js';
import { type ClientOptions, mergeHeaders, type QueryParams } from './core/options.js';
import type { HttpMethod, RequestSpec } from './core/prepare.js';
import { performRequest, type RawResponse } from './core/request.js';
import { Audio } from './resources/audio/index.js';
import { Chat } from './resources/chat/index.js';
import { Classifications } from './resources/classifications.js';
import { Detections } from './resources/detections.js';
import { Embeddings } from './resources/embeddings.js';
import { Evals } from './resources/evals.js';
import { Files } from './resources/files.js';
import { Images } from './resources/images.js';
import { Jobs } from './resources/jobs.js';
import { Models } from './resources/models.js';
import { Moderations } from './resources/moderations.js';
import { OCR } from './resources/ocr.js';
import { Replays } from './resources/replays.js';
import { Rerank } from './resources/rerank.js';
import { SubAccounts } from './resources/sub-accounts.js';
import { ThreeD } from './resources/three-d.js';
import { Translations } from './resources/translations.js';
import { Usage } from './resources/usage.js';
import { Videos } from './resources/videos.js';
import { Webhooks } from './resources/webhooks.js';
import type { WebhookSecret } from './webhooks/types.js';

/** One call to an endpoint: request options plus `body`, `query`, `stream` and an input check. */
export type CallOptions = Omit<RequestSpec, 'method' | 'path'>;

/** How the body of a 2xx response becomes the call's result. */
export type Parser<T> = 'json' | 'text' | 'binary' | ((raw: RawResponse) => T | Promise<T>);

const PARSERS = { json: parseJSON, text: parseText, binary: parseBinary } as const;

/**
 * The AIgateway client: every modality and primitive behind one OpenAI-compatible base URL.
 *
 * @example
 * import AIgateway from 'aigateway-js';
 * const client = new AIgateway(); // reads AIGATEWAY_API_KEY
 * const completion = await client.chat.completions.create({
 *   model: 'anthropic/claude-sonnet-4.6',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 */
export class AIgateway {
  readonly chat: Chat = new Chat(this);
  readonly embeddings: Embeddings = new Embeddings(this);
  readonly images: Images = new Images(this);
  readonly audio: Audio = new Audio(this);
  readonly moderations: Moderations = new Moderations(this);
  readonly models: Models = new Models(this);
  readonly videos: Videos = new Videos(this);
  readonly threeD: ThreeD = new ThreeD(this);
  readonly translations: Translations = new Translations(this);
  readonly classifications: Classifications = new Classifications(this);
  readonly ocr: OCR = new OCR(this);
  readonly detections: Detections = new Detections(this);
  readonly rerank: Rerank = new Rerank(this);
  readonly jobs: Jobs = new Jobs(this);
  readonly subAccounts: SubAccounts = new SubAccounts(this);
  readonly evals: Evals = new Evals(this);
  readonly replays: Replays = new Replays(this);
  readonly usage: Usage = new Usage(this);
  readonly files: Files = new Files(this);
  readonly webhooks: Webhooks = new Webhooks(this);

  // Private, so the key never shows up in `console.log(client)`, `inspect` or JSON.
  readonly #config: ClientConfig;

  /**
   * @throws {ConfigurationError} when no key is found, or the base URL or an option is invalid.
   */
  constructor(options: ClientOptions = {}) {
    this.#config = resolveConfig(options);
  }

  /**
   * The key this client sends (e.g. for `connectMcp({ client })` from `aigateway-js/mcp`). With an
   * `apiKey` function, the key it last returned (empty before the first request). A getter, not a
   * field, so it never appears in `console.log(client)`, `inspect` or JSON.
   */
  get apiKey(): string {
    return this.#config.key.current;
  }

  /** @internal The webhook signing secret for `client.webhooks`, if configured. */
  get _webhookSecret(): WebhookSecret | undefined {
    return this.#config.options.webhookSecret;
  }

  /** The base URL requests go to, e.g. `https://api.aigateway.sh/v1`. */
  get baseURL(): string {
    return this.#config.baseURL;
  }

  /** A secret-free summary (resources point back at the client, so the default would be circular). */
  toJSON(): { baseURL: string; maxRetries: number; timeout: number } {
    const { baseURL, maxRetries, timeout } = this.#config;
    return { baseURL, maxRetries, timeout };
  }

  /**
   * A copy of this client with some options changed (e.g. one per feature tag or per customer key).
   * `byok`, `defaultHeaders`, `defaultQuery` and `fetchOptions` are merged over this client's; the
   * copy shares nothing mutable.
   *
   * @example
   * const summarize = client.withOptions({ tag: 'summarize' });
   * const customer = client.withOptions({ apiKey: subAccount.key });
   */
  withOptions(options: ClientOptions): AIgateway {
    const current = this.#config.options;
    return new AIgateway({
      ...current,
      ...options,
      byok: { ...current.byok, ...options.byok },
      defaultHeaders: mergeHeaders(current.defaultHeaders, options.defaultHeaders),
      defaultQuery: mergeQuery(current.defaultQuery, options.defaultQuery),
      fetchOptions:
        current.fetchOptions && options.fetchOptions
          ? { ...current.fetchOptions, ...options.fetchOptions }
          : (options.fetchOptions ?? current.fetchOptions),
    });
  }

  /** Low-level GET to `path` under the base URL, for endpoints the SDK does not wrap yet. */
  get<T>(path: string, options?: CallOptions, parser?: Parser<T>): APIPromise<T> {
    return this.request('GET', path, options, parser);
  }
  /** Low-level POST to `path` under the base URL, for endpoints the SDK does not wrap yet. */
  post<T>(path: string, options?: CallOptions, parser?: Parser<T>): APIPromise<T> {
    return this.request('POST', path, options, parser);
  }
  /** Low-level PATCH to `path` under the base URL, for endpoints the SDK does not wrap yet. */
  patch<T>(path: string, options?: CallOptions, parser?: Parser<T>): APIPromise<T> {
    return this.request('PATCH', path, options, parser);
  }
  /** Low-level DELETE to `path` under the base URL, for endpoints the SDK does not wrap yet. */
  delete<T>(path: string, options?: CallOptions, parser?: Parser<T>): APIPromise<T> {
    return this.request('DELETE', path, options, parser);
  }

  /** Low-level call: the one path every SDK method takes (auth, retries, errors, logging). */
  request<T>(
    method: HttpMethod,
    path: string,
    options: CallOptions = {},
    parser: Parser<T> = 'json',
  ): APIPromise<T> {
    const parse =
      typeof parser === 'function' ? parser : (PARSERS[parser] as (raw: RawResponse) => Promise<T>);
    const buffered = isWholeBodyParser(parser);
    return new APIPromise<T>(this._send(method, path, options, buffered), parse);
  }

  /**
   * @internal Sends a call through the request core; resolves once a 2xx response's headers arrive.
   * `buffered`: the body will be read whole (an SDK parser that reads JSON or text), so on Node the call
   * may skip fetch's streaming `Response`.
   */
  _send(method: HttpMethod, path: string, options: CallOptions = {}, buffered = false): Promise<RawResponse> {
    // Object.assign, not a spread: on V8 a spread copy that then gains keys costs microseconds.
    return performRequest(this.#config, Object.assign({}, options, { method, path, buffered }));
  }

  static readonly AIgatewayError = Errors.AIgatewayError;
  static readonly APIError = Errors.APIError;
  static readonly BadRequestError = Errors.BadRequestError;
  static readonly AuthenticationError = Errors.AuthenticationError;
  static readonly BudgetExceededError = Errors.BudgetExceededError;
  static readonly PermissionDeniedError = Errors.PermissionDeniedError;
  static readonly NotFoundError = Errors.NotFoundError;
  static readonly ModelNotFoundError = Errors.ModelNotFoundError;
  static readonly ConflictError = Errors.ConflictError;
  static readonly RateLimitError = Errors.RateLimitError;
  static readonly InternalServerError = Errors.InternalServerError;
  static readonly ProviderError = Errors.ProviderError;
  static readonly APIConnectionError = Errors.APIConnectionError;
  static readonly APITimeoutError = Errors.APITimeoutError;
  static readonly APIUserAbortError = Errors.APIUserAbortError;
  static readonly StreamInterruptedError = Errors.StreamInterruptedError;
  static readonly StreamIdleTimeoutError = Errors.StreamIdleTimeoutError;
  static readonly JobFailedError = Errors.JobFailedError;
  static readonly EvalFailedError = Errors.EvalFailedError;
  static readonly JobTimeoutError = Errors.JobTimeoutError;
  static readonly ConfigurationError = Errors.ConfigurationError;
  static readonly InputValidationError = Errors.InputValidationError;
}

function mergeQuery(a: QueryParams | undefined, b: QueryParams | undefined): QueryParams | undefined {
  return a && b ? { ...a, ...b } : (b ?? a);
}
