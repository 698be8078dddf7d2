import { AIgatewayError } from './errors.js';
import type { RawResponse } from './request.js';

/** The parsed result of a call together with its raw response. */
export interface WithResponse<T> {
  data: T;
  /** The raw `Response` (its body already consumed unless the result is binary). */
  response: Response;
  /** `X-Request-Id` of the call; quote it to support. */
  requestId: string | undefined;
}

/**
 * What every SDK method returns: a Promise of the parsed result that can also give the raw
 * response. The request starts immediately; the body is parsed only when the result is awaited.
 *
 * @example
 * const { data, requestId } = await client.models.list().withResponse();
 */
export class APIPromise<T> extends Promise<T> {
  readonly #raw: Promise<RawResponse>;
  readonly #parse: (raw: RawResponse) => T | Promise<T>;
  #parsed: Promise<T> | undefined;

  /** @internal */
  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => T | Promise<T>) {
    // The base promise is a placeholder: then/catch/finally are redirected to the parsed result,
    // so the body is not read unless someone asks for it.
    super((resolve) => resolve(undefined as unknown as T));
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
  async withResponse(): Promise<WithResponse<T>> {
    const [data, raw] = await Promise.all([this.#result(), this.#raw]);
    return { data, response: raw.response, requestId: raw.requestId };
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass; `then` awaits the parsed body instead.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }

  #result(): Promise<T> {
    this.#parsed ??= this.#raw.then(this.#parse);
    return this.#parsed;
  }
}

/** Reads a 2xx body as JSON; an empty body (204) gives `undefined`. */
export async function parseJSON<T>(raw: RawResponse): Promise<T> {
  let text: string;
  try {
    text = await raw.response.text();
  } catch (error) {
    throw raw.mapError(error);
  } finally {
    raw.release();
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AIgatewayError(
      `The gateway answered ${raw.response.status} with a body that is not JSON ` +
        `(content-type ${raw.response.headers.get('content-type') ?? 'none'}, request ${raw.requestId ?? 'unknown'}).`,
    );
  }
}

/** Reads a 2xx body as text (e.g. a transcription with `response_format: 'text'`). */
export async function parseText(raw: RawResponse): Promise<string> {
  try {
    return await raw.response.text();
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
