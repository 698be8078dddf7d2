// The one request path: headers, idempotency, per-attempt timeout, retries with backoff, typed
// errors, request ids and logging. Transport is plain `fetch` (the client's, or the global one):
// this core owns retries, timeouts, body encoding and errors, so a fetch wrapper such as ofetch
// would add nothing but its import cost (its Node build loads a node-fetch polyfill: ~45 ms of CPU
// per import and ~115 KB of minified bundle). On Node, a call read whole skips even fetch and goes
// to undici's dispatcher (transport-hook.ts).
import { redactHeaders } from '../internal/redact.js';
import { sleep } from '../internal/sleep.js';
import { Attempt, toTransportError } from './attempt.js';
import { type ClientConfig, callApiKeySetter } from './config.js';
import { warnIfDeprecated } from './deprecation.js';
import { abortError } from '../internal/abort.js';
import { APIError, APIUserAbortError } from './errors.js';
import { bareHeaders, type PreparedRequest, prepareRequest, type RequestSpec } from './prepare.js';
import { validate } from './validate.js';
import { isRetryableStatus, RETRY_COUNT_HEADER, RETRYABLE_STATUSES, retryDelay } from './retry.js';
import { BufferedAnswer, TransportHook } from './transport-hook.js';

/** A response whose status was 2xx, body not yet read. */
export interface RawResponse {
  readonly response: Response;
  readonly requestId: string | undefined;
  /** The attempt's controller: aborting it cancels the body. */
  readonly controller: AbortController;
  /** Clears the attempt's timeout and detaches the caller's signal; call once the body is handed over or read. */
  readonly release: () => void;
  /** Maps an error thrown while reading the body (abort, timeout, reset) to the SDK's error class. */
  readonly mapError: (error: unknown) => Error;
  /** @internal The call as sent (the SDK's own parsers read it). */
  readonly spec: RequestSpec;
  /** @internal The client's resolved configuration (the SDK's own parsers read it). */
  readonly config: ClientConfig;
}

/** Sends `spec`, retrying as the policy allows, and resolves once a 2xx response's headers arrive. */
export async function performRequest(config: ClientConfig, call: RequestSpec): Promise<RawResponse> {
  // A body still being assembled must not become an unhandled rejection if validation fails first.
  if (call.body instanceof Promise) call.body.catch(() => undefined);
  const check = call.validate;
  if (check) validate(check[0], check.length > 2 ? check[2] : (call.body ?? call.query), check[1]);
  // Multipart bodies are assembled asynchronously (files may be read from disk) by the resource.
  const spec = call.body instanceof Promise ? { ...call, body: await call.body } : call;
  // A key function is asked once per call (not per retry), unless the call brings its own key.
  let key: string | undefined;
  if (config.apiKeySetter && spec.apiKey === undefined) {
    key = await callApiKeySetter(config.apiKeySetter);
    config.key.current = key;
  }
  const prepared = prepareRequest(config, spec, key);
  const { url, headers, body, secrets, maxRetries, timeout, fetchOptions } = prepared;
  const log = secrets.length ? config.log.withSecrets(secrets) : config.log;
  const logPath = log.enabled('info') ? `${spec.method} ${new URL(url).pathname}` : '';
  const allSecrets = secrets.length ? [...config.secrets, ...secrets] : config.secrets;

  for (let retry = 0; ; retry++) {
    if (spec.signal?.aborted) throw abortError(spec.signal.reason);
    // Tells the gateway this is a retry (and which), e.g. to tell a retry storm from new traffic.
    if (retry > 0) headers[RETRY_COUNT_HEADER] = String(retry);
    // A stream's controller must reach fetch, and so must a caller's signal when fetch sends the
    // call (it aborts the body, read after this returns): those attempts keep a signal. A call that
    // skips fetch has its body read here, and is stopped only through the hook.
    const hook = config.globalFetch && !spec.stream ? TransportHook.create(fetchOptions) : undefined;
    const direct = hook !== undefined && spec.buffered === true && hook.direct(body, fetchOptions);
    const hooked = direct || (!spec.signal && hook?.proven === true);
    const attempt = new Attempt(spec.signal, timeout, hooked ? hook : undefined);
    const started = Date.now();
    if (log.enabled('debug'))
      log.debug(`→ ${logPath} attempt=${retry + 1} headers=${JSON.stringify(redactHeaders(headers))}`);

    let answer: Response | BufferedAnswer | undefined;
    try {
      if (direct)
        answer = await attempt.guard(hook.send(url, spec.method, headers, body as string | undefined));
      // Not read whole, or not 2xx (a redirect, a retry, an error): it goes on as a fetch answer.
      if (!(answer instanceof BufferedAnswer) || !isOk(answer.status)) {
        const init: RequestInit & { dispatcher?: unknown } = fetchOptions
          ? { ...fetchOptions, method: spec.method, headers, body, redirect: 'manual' }
          : { method: spec.method, headers, body, redirect: 'manual' };
        // Without a caller's signal the hook goes along even before it is trusted: that proves it.
        if (hook && (hooked || !spec.signal)) init.dispatcher = hook;
        let response: Response;
        if (answer) {
          response = toResponse(answer as BufferedAnswer);
        } else if (hooked) {
          response = await attempt.guard(config.fetch(url, init));
        } else {
          init.signal = attempt.controller.signal;
          response = await config.fetch(url, init);
        }
        if (REDIRECTS.has(response.status))
          response = await followRedirects(config, response, url, init, prepared);
        // A status-0 ("error") response is a network error in the Fetch spec; some fetch
        // implementations (service workers, msw's HttpResponse.error()) resolve with one instead of rejecting.
        if (response.type === 'error' || response.status === 0)
          throw new TypeError('Network error (status 0 response)');
        answer = response;
      }
    } catch (cause) {
      attempt.release();
      const error = toTransportError(cause, attempt, spec.signal, timeout);
      if (error instanceof APIUserAbortError || retry >= maxRetries) throw error;
      const delay = retryDelay(retry, undefined) ?? 0;
      log.info(
        `↻ ${logPath} ${error.name} after ${Date.now() - started} ms; retry ${retry + 1}/${maxRetries} in ${delay} ms`,
      );
      await sleep(delay, spec.signal);
      continue;
    }

    const status = answer.status;
    const requestId = answer.headers.get('x-request-id') ?? undefined;
    if (logPath)
      log.info(`← ${logPath} ${status} ${requestId ?? '-'} attempt=${retry + 1} ${Date.now() - started} ms`);

    if (isOk(status)) {
      warnIfDeprecated(log, prepared.origin, spec, answer.headers);
      if (spec.stream) attempt.clearTimer();
      return new Answer(answer, requestId, attempt, timeout, spec, config);
    }
    // Only a fetch answer, or one made into one above, is not 2xx here.
    const response = answer as Response;

    if (retry < maxRetries && isRetryableStatus(status)) {
      const delay = retryDelay(retry, response.headers);
      if (delay !== undefined) {
        attempt.release();
        void response.body?.cancel().catch(() => undefined);
        const reason = RETRYABLE_STATUSES.get(status) ?? 'server error';
        log.info(`↻ ${logPath} ${status} (${reason}); retry ${retry + 1}/${maxRetries} in ${delay} ms`);
        await sleep(delay, spec.signal);
        continue;
      }
    }

    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw toTransportError(cause, attempt, spec.signal, timeout);
    } finally {
      attempt.release();
    }
    throw APIError.generate(status, safeJSON(text), text, response.headers, allSecrets);
  }
}

/** A 2xx response as `performRequest` hands it over: one object per call, methods on its class. */
class Answer implements RawResponse {
  readonly #attempt: Attempt;
  readonly #timeout: number;
  #response: Response | undefined;
  #buffered: BufferedAnswer | undefined;

  constructor(
    response: Response | BufferedAnswer,
    readonly requestId: string | undefined,
    attempt: Attempt,
    timeout: number,
    readonly spec: RequestSpec,
    readonly config: ClientConfig,
  ) {
    // Not `instanceof Response`: a fetch's answer may come from another realm or library (a polyfill).
    if (response instanceof BufferedAnswer) this.#buffered = response;
    else this.#response = response;
    this.#attempt = attempt;
    this.#timeout = timeout;
  }

  // An answer read whole by the transport hook becomes a `Response` only if someone asks for one.
  get response(): Response {
    this.#response ??= toResponse(this.#buffered as BufferedAnswer);
    return this.#response;
  }

  /** The body as text; the buffered body, decoded, when the call skipped fetch. */
  text(): Promise<string> {
    const buffered = this.#buffered;
    return buffered ? Promise.resolve(utf8.decode(buffered.body)) : this.response.text();
  }

  // A getter: an attempt timed out through a dispatcher hook makes its controller only when asked.
  get controller(): AbortController {
    return this.#attempt.controller;
  }

  release(): void {
    this.#attempt.release();
  }

  mapError(error: unknown): Error {
    return toTransportError(error, this.#attempt, this.spec.signal, this.#timeout);
  }
}

const utf8 = new TextDecoder();
const isOk = (status: number): boolean => status >= 200 && status < 300;
// A body is not allowed with these statuses in the `Response` constructor.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** What fetch would have resolved with for an answer the transport hook read whole. */
function toResponse(answer: BufferedAnswer): Response {
  const { status, statusText, headers, body } = answer;
  const response = new Response(NULL_BODY.has(status) ? null : (body as Uint8Array<ArrayBuffer>), {
    status,
    statusText,
    headers,
  });
  Object.defineProperty(response, 'url', { value: answer.url });
  return response;
}

/** A 2xx answer's body as text, without building a `Response` when the call skipped fetch. */
export function bodyText(raw: RawResponse): Promise<string> {
  return raw instanceof Answer ? raw.text() : raw.response.text();
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/**
 * Follows the redirect the call's first answer `first` is, here rather than by the runtime, which
 * would keep `x-byok-*`, the tag and default headers on a redirect to another origin and resend a
 * body there. A redirect within the gateway's origin is followed as fetch would (303, and 301/302
 * after a POST, become a GET without body); one to another origin only without the client's
 * credentials and defaults, and not at all when it would resend a body: that 3xx is then the
 * call's answer (an `APIError`).
 */
async function followRedirects(
  config: ClientConfig,
  first: Response,
  url: string,
  init: RequestInit,
  prepared: PreparedRequest,
): Promise<Response> {
  let response = first;
  let target = url;
  let request = init;
  for (let hop = 0; ; hop++) {
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    if (hop === MAX_REDIRECTS) throw new TypeError(`More than ${MAX_REDIRECTS} redirects.`);
    const next = new URL(location, target);
    const toGet =
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && request.method === 'POST');
    const body = toGet ? undefined : request.body;
    const sameOrigin = next.origin === prepared.origin;
    if ((next.protocol !== 'https:' && next.protocol !== 'http:') || (!sameOrigin && body != null))
      return response;
    void response.body?.cancel().catch(() => undefined);
    const headers: Record<string, string> = sameOrigin
      ? { ...(request.headers as Record<string, string>) }
      : bareHeaders(prepared.headers);
    if (toGet) delete headers['content-type'];
    request = { ...request, method: toGet ? 'GET' : request.method, body, headers };
    target = next.href;
    response = await config.fetch(target, request);
  }
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
