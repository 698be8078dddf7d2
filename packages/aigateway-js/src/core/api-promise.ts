import { AIgatewayError } from './errors.js';
import { bodyText, type RawResponse } from './request.js';
import type { Stream } from './streaming.js';

/** The parsed result of a call together with its raw response. */
export interface WithResponse<T> {
  data: T;
  /** The raw `Response` (its body already consumed unless the result is binary). */
  response: Response;
  /** `X-Request-Id` of the call; quote it to support. */
  requestId: string | undefined;
}

/**
 * A call's result with the id of the request that produced it, as openai-node's `_request_id`:
 * a non-enumerable property, so it stays out of JSON, spreads and equality checks. Binary
 * responses, text, arrays and streams (which have `requestId`) are left as they are.
 */
export type WithRequestID<T> = [T] extends [Response | Stream<unknown> | readonly unknown[]]
  ? T
  : // A union of objects (a Replay) keeps its name on hover: \`Replay & {…}\`, not one member each.
    [T] extends [object]
    ? T & { readonly _request_id?: string | undefined }
    : EachWithRequestID<T>;

type EachWithRequestID<T> = T extends Response | Stream<unknown> | string | readonly unknown[]
  ? T
  : T extends object
    ? T & { readonly _request_id?: string | undefined }
    : T;

/**
 * What every SDK method returns: a Promise of the parsed result that can also give the raw
 * response. The request starts immediately; the body is parsed only when the result is awaited.
 *
 * @example
 * const { data, requestId } = await client.models.list().withResponse();
 */
export class APIPromise<T> extends Promise<WithRequestID<T>> {
  readonly #raw: Promise<RawResponse>;
  readonly #parse: (raw: RawResponse) => T | Promise<T>;
  #parsed: Promise<WithRequestID<T>> | undefined;

  /** @internal */
  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => T | Promise<T>) {
    // The base promise is a placeholder: then/catch/finally are redirected to the parsed result,
    // so the body is not read unless someone asks for it.
    super((resolve) => resolve(undefined as WithRequestID<T>));
    this.#raw = raw;
    this.#parse = parse;
  }

  // Derived promises (from then/catch/finally) are plain Promises, never APIPromises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Resolves with the raw `Response`, body unread; you own the body from here. */
  asResponse(): Promise<Response> {
    return this.#raw.then((raw) => {
      raw.release();
      return raw.response;
    });
  }

  /** Resolves with the parsed data, the raw response and the request id. */
  async withResponse(): Promise<WithResponse<WithRequestID<T>>> {
    const [data, raw] = await Promise.all([this.#result(), this.#raw]);
    return { data, response: raw.response, requestId: raw.requestId };
  }

  /**
   * @internal The parsed data and the raw response, whose body stays readable (a copy is kept),
   * so that a promise built on this call (`wait()`) can offer `asResponse()` too.
   */
  _settle(): Promise<{ data: WithRequestID<T>; raw: RawResponse }> {
    return this.#raw.then(async (raw) => {
      const copy: RawResponse = {
        response: raw.response.clone(),
        requestId: raw.requestId,
        get controller() {
          return raw.controller;
        },
        release: () => raw.release(),
        mapError: (error) => raw.mapError(error),
        spec: raw.spec,
        config: raw.config,
      };
      return { data: (await this.#parse(raw)) as WithRequestID<T>, raw: copy };
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass; `then` awaits the parsed body instead.
  override then<R1 = WithRequestID<T>, R2 = never>(
    onfulfilled?: ((value: WithRequestID<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<WithRequestID<T> | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<WithRequestID<T>> {
    return this.#result().finally(onfinally);
  }

  #result(): Promise<WithRequestID<T>> {
    this.#parsed ??= this.#run();
    return this.#parsed;
  }

  // Awaiting the parser's promise, rather than returning it from a `then` callback, spares the
  // promise adoption job that returning a promise costs: one microtask less per call.
  async #run(): Promise<WithRequestID<T>> {
    return (await this.#parse(await this.#raw)) as WithRequestID<T>;
  }
}

/**
 * Reads a 2xx body as JSON and tags the result with its request id. A 204/205 gives `undefined`
 * (no endpoint of the API answers one; a low-level `client.get()` may); any other empty body is
 * an error, not an `undefined` typed as the expected result.
 */
export async function parseJSON<T>(raw: RawResponse): Promise<T> {
  let text: string;
  try {
    text = await bodyText(raw);
  } catch (error) {
    throw raw.mapError(error);
  } finally {
    raw.release();
  }
  if (!text) {
    const { status } = raw.response;
    if (status === 204 || status === 205) return undefined as T;
    throw new AIgatewayError(
      `The gateway answered ${status} with an empty body where JSON was expected ` +
        `(request ${raw.requestId ?? 'unknown'}). A proxy in between may have dropped it; retry, and quote ` +
        'the request id to support if it persists.',
    );
  }
  let data: T;
  try {
    data = JSON.parse(text) as T;
  } catch {
    const { status, headers } = raw.response;
    throw new AIgatewayError(
      `The gateway answered ${status} with a body that is not JSON ` +
        `(content-type ${headers.get('content-type') ?? 'none'}, request ${raw.requestId ?? 'unknown'}).`,
    );
  }
  return withRequestID(data, raw.requestId);
}

const wholeBodyParsers = new WeakSet<object>();

/**
 * @internal Marks an SDK parser that reads the body whole (through `parseJSON` or `parseText`), so
 * that its call may skip fetch's streaming `Response` on Node as the built-in ones do.
 */
export function readsWholeBody<F extends object>(parser: F): F {
  wholeBodyParsers.add(parser);
  return parser;
}

/** @internal Whether a call parsed by `parser` reads its body whole. */
export function isWholeBodyParser(parser: unknown): boolean {
  return (
    parser === 'json' || parser === 'text' || (typeof parser === 'function' && wholeBodyParsers.has(parser))
  );
}

/** Sets `_request_id` on an object result, non-enumerable (so JSON, spreads and `toEqual` ignore it). */
export function withRequestID<T>(data: T, requestId: string | undefined): T {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    Object.defineProperty(data, '_request_id', {
      value: requestId,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return data;
}

/** Reads a 2xx body as text (e.g. a transcription with `response_format: 'text'`). */
export async function parseText(raw: RawResponse): Promise<string> {
  try {
    return await bodyText(raw);
  } catch (error) {
    throw raw.mapError(error);
  } finally {
    raw.release();
  }
}

/** Hands a binary body over unread (audio, files), as openai-node does. */
export function parseBinary(raw: RawResponse): Response {
  raw.release();
  return raw.response;
}
