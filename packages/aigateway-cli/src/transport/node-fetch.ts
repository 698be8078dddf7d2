// The fetch the CLI gives the SDK: node:http(s) instead of Node's built-in fetch (undici). On Node 20 the first
// built-in fetch costs ~100 ms of CPU (loading undici and compiling its WebAssembly HTTP parser), more than the
// rest of `aig models` together; node:http parses with the native llhttp already in the binary. It covers what
// the CLI sends — no body, a string, bytes, a Blob or URLSearchParams, over http(s), without a proxy — and hands
// anything else (FormData, a Request, a redirect to follow, a proxy variable in the environment) to the global
// fetch, which behaves as the SDK expects by definition.
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';
import { NodeHeaders } from './node-headers.js';

/** The SDK's fetch signature. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A body node:http can send as bytes, or undefined when only the global fetch knows how to send `body`. */
async function encode(
  body: RequestInit['body'],
  headers: Record<string, string>,
): Promise<Uint8Array | null | undefined> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return Buffer.from(body);
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) {
    if (body.type) headers['content-type'] ??= body.type;
    return new Uint8Array(await body.arrayBuffer());
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return Buffer.from(body.toString());
  }
  return undefined;
}

/** Lower-cased request headers from any HeadersInit, without touching the global Headers class. */
function plainHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  const pairs: Iterable<readonly [string, string]> | undefined = Array.isArray(init)
    ? (init as [string, string][])
    : typeof (init as Headers).forEach === 'function'
      ? (init as Headers)
      : undefined;
  if (pairs) for (const [name, value] of pairs) out[name.toLowerCase()] = value;
  else for (const [name, value] of Object.entries(init)) out[name.toLowerCase()] = String(value);
  return out;
}

/** Decompresses what a server sent compressed although it was not asked to. */
async function decoded(res: IncomingMessage): Promise<Readable> {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return res;
  const zlib = await import('node:zlib');
  const decoder =
    encoding === 'br'
      ? zlib.createBrotliDecompress()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'gzip' || encoding === 'x-gzip'
          ? zlib.createGunzip()
          : undefined;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

/** A web ReadableStream over a node stream, with backpressure; cancelling it destroys the source. */
function webStream(source: Readable, done: () => void): ReadableStream<Uint8Array<ArrayBuffer>> {
  // Once the reader cancels or the stream ends, whatever the source still emits has nowhere to go.
  let finished = false;
  const finish = (): boolean => {
    if (finished) return false;
    finished = true;
    done();
    return true;
  };
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      source.on('data', (chunk: Buffer) => {
        if (finished) return;
        // A copy, as fetch hands out: a Buffer may be a view into a larger (pooled) ArrayBuffer.
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.once('end', () => {
        if (finish()) controller.close();
      });
      source.once('error', (error) => {
        if (finish()) controller.error(error);
      });
      // A connection cut before the end: node emits 'close' without 'end' (and, on some versions, no 'error').
      source.once('close', () => {
        if (finish())
          controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
      });
    },
    pull() {
      source.resume();
    },
    cancel(reason) {
      finish();
      source.destroy(reason instanceof Error ? reason : undefined);
    },
  });
}

/** The Response for a node:http response: what `fetch` resolves with, body as a web stream. */
export class NodeResponse implements Response {
  readonly type: ResponseType = 'basic';
  readonly redirected = false;
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  private stream: ReadableStream<Uint8Array<ArrayBuffer>> | null;
  private used = false;

  constructor(
    init: { status: number; statusText: string; headers: Headers; url: string },
    body: ReadableStream<Uint8Array<ArrayBuffer>> | null,
  ) {
    this.status = init.status;
    this.ok = init.status >= 200 && init.status < 300;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.url = init.url;
    this.stream = body;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.stream;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = this.stream?.getReader();
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      chunks.push(next.value);
      length += next.value.byteLength;
    }
    const out = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    // Multipart parsing is undici's: hand it the bytes (the CLI never reads a form back).
    return new Response(await this.bytes(), { status: this.status, headers: this.headers }).formData();
  }

  clone(): Response {
    if (this.used) throw new TypeError('Response.clone: Body has already been consumed.');
    let copy: ReadableStream<Uint8Array<ArrayBuffer>> | null = null;
    if (this.stream) [this.stream, copy] = this.stream.tee();
    return new NodeResponse(this, copy);
  }
}

/**
 * A fetch over node:http(s) for the SDK. `env` decides whether a proxy applies (then the global fetch is used).
 *
 * @example
 * new AIgateway({ apiKey, fetch: createNodeFetch(process.env) });
 */
export function createNodeFetch(env: Readonly<Record<string, string | undefined>>): Fetch {
  const proxied = PROXY_VARIABLES.some((name) => env[name]);
  const fallback: Fetch = (input, init) => globalThis.fetch(input, init);
  return async (input, init = {}) => {
    if (proxied || !(typeof input === 'string' || input instanceof URL)) return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback(input, init);
    const headers = plainHeaders(init.headers);
    const body = await encode(init.body, headers);
    if (body === undefined) return fallback(input, init);
    if (body) headers['content-length'] = String(body.byteLength);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    const options: RequestOptions = { method: init.method ?? 'GET', headers };
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, options, resolve);
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('response', () => signal?.removeEventListener('abort', onAbort));
      req.once('error', (cause) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause }));
      });
      req.end(body ?? undefined);
    });
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status) && res.headers.location && init.redirect !== 'manual') {
      res.resume();
      return fallback(input, init);
    }
    const onAbort = () => res.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => signal?.removeEventListener('abort', onAbort);
    const empty = init.method === 'HEAD' || status === 204 || status === 304;
    if (empty) {
      release();
      res.resume();
    }
    return new NodeResponse(
      {
        status,
        statusText: res.statusMessage ?? '',
        headers: new NodeHeaders(res.rawHeaders),
        url: url.href,
      },
      empty ? null : webStream(await decoded(res), release),
    );
  };
}
