// The fetch the CLI gives the SDK: node:http(s) instead of Node's built-in fetch (undici). On Node 20 the first
// built-in fetch costs ~100 ms of CPU (loading undici and compiling its WebAssembly HTTP parser), more than the
// rest of `aig models` together; node:http parses with the native llhttp already in the binary. Without a proxy it
// covers what the CLI sends — no body, a string, bytes, a Blob or URLSearchParams, over http(s) — and hands
// anything else (FormData, a Request, a redirect to follow) to the global fetch, which behaves as the SDK expects
// by definition. With a proxy variable set (which Node 20's fetch ignores) every request goes over node:http,
// through the proxy (proxy-connect.ts).
import type { IncomingMessage } from 'node:http';
import { nodeRequire } from '../core/node-require.js';
import { proxyConfigured, proxyFor } from '../core/proxy.js';
import { respond } from './node-response.js';
import { type Send, proxyURL, sendThroughProxy } from './proxy-connect.js';

/** The SDK's fetch signature. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

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

/** What one request sends, whatever form the caller gave it in. */
interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  signal: AbortSignal | undefined;
}

/** Sends `out` (directly, or through `proxy`) and resolves with node's response, or rejects as fetch does. */
async function send(out: Outgoing, proxy: string | undefined): Promise<IncomingMessage> {
  const { url, signal, body } = out;
  signal?.throwIfAborted();
  const headers = { ...out.headers };
  if (body) headers['content-length'] = String(body.byteLength);
  let request: Send;
  try {
    request = proxy
      ? await sendThroughProxy(url, proxyURL(proxy))
      : ((
          nodeRequire(url.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http')
        ).request.bind(undefined, url) as Send);
  } catch (cause) {
    throw new TypeError('fetch failed', { cause });
  }
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({ method: out.method, headers }, resolve);
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('response', () => signal?.removeEventListener('abort', onAbort));
    req.once('error', (cause) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause }));
    });
    req.end(body ?? undefined);
  });
}

/** A request the caller gave as a Request object, a FormData or a stream body, made plain (bytes). */
async function plain(input: string | URL | Request, init: RequestInit): Promise<Outgoing> {
  const request = typeof input === 'string' || input instanceof URL ? undefined : input;
  const headers = { ...plainHeaders(request?.headers), ...plainHeaders(init.headers) };
  let body: RequestInit['body'] | ArrayBuffer = init.body;
  if (body === undefined && request?.body) body = await request.arrayBuffer();
  let bytes = await encode(body, headers);
  if (bytes === undefined) {
    // FormData (multipart, with its boundary) or a stream: the built-in Response encodes it.
    const encoded = new Response(body as BodyInit);
    const type = encoded.headers.get('content-type');
    if (type) headers['content-type'] ??= type;
    bytes = new Uint8Array(await encoded.arrayBuffer());
  }
  return {
    url: new URL(request ? request.url : input.toString()),
    method: (init.method ?? request?.method ?? 'GET').toUpperCase(),
    headers,
    body: bytes,
    signal: init.signal ?? request?.signal ?? undefined,
  };
}

/**
 * With a proxy variable set: every request over node:http, through the proxy unless NO_PROXY exempts its host,
 * redirects followed here (the global fetch would go around the proxy).
 */
async function fetchWithProxy(
  input: string | URL | Request,
  init: RequestInit,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Response> {
  const out = await plain(input, init);
  for (let redirects = 0; ; redirects++) {
    if (out.url.protocol !== 'http:' && out.url.protocol !== 'https:') {
      throw new TypeError('fetch failed', { cause: new Error(`cannot fetch ${out.url.protocol} URLs`) });
    }
    const res = await send(out, proxyFor(out.url.href, env));
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location || init.redirect === 'manual') {
      return respond(res, out);
    }
    res.resume();
    if (init.redirect === 'error' || redirects >= 20) {
      throw new TypeError('fetch failed', { cause: new Error(`redirect to ${location} not followed`) });
    }
    const next = new URL(location, out.url);
    // As fetch does: 303 (and 301/302 after a POST) become a GET without a body; credentials stay on their origin.
    if (
      res.statusCode === 303
        ? out.method !== 'HEAD'
        : out.method === 'POST' && res.statusCode !== 307 && res.statusCode !== 308
    ) {
      out.method = 'GET';
      out.body = null;
      for (const name of [
        'content-type',
        'content-length',
        'content-encoding',
        'content-language',
        'content-location',
      ])
        delete out.headers[name];
    }
    if (next.origin !== out.url.origin) {
      for (const name of ['authorization', 'cookie', 'proxy-authorization']) delete out.headers[name];
    }
    out.url = next;
  }
}

/**
 * A fetch over node:http(s) for the SDK. With HTTPS_PROXY/HTTP_PROXY/ALL_PROXY in `env`, requests go through the
 * proxy (NO_PROXY honoured); without, what node:http does not cover goes to the global fetch.
 *
 * @example
 * new AIgateway({ apiKey, fetch: createNodeFetch(process.env) });
 */
export function createNodeFetch(env: Readonly<Record<string, string | undefined>>): Fetch {
  const proxied = proxyConfigured(env);
  const fallback: Fetch = (input, init) => globalThis.fetch(input, init);
  return async (input, init = {}) => {
    if (proxied) return fetchWithProxy(input, init, env);
    if (!(typeof input === 'string' || input instanceof URL)) return fallback(input, init);
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback(input, init);
    const headers = plainHeaders(init.headers);
    const body = await encode(init.body, headers);
    if (body === undefined) return fallback(input, init);
    const out: Outgoing = {
      url,
      method: init.method ?? 'GET',
      headers,
      body,
      signal: init.signal ?? undefined,
    };
    const res = await send(out, undefined);
    if (REDIRECTS.has(res.statusCode ?? 0) && res.headers.location && init.redirect !== 'manual') {
      res.resume();
      return fallback(input, init);
    }
    return respond(res, out);
  };
}
