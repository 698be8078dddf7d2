import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { bytesBody } from '../../http/respond.js';
import { StreamCut } from '../../http/stream-cut.js';
import { encodeBody } from './bodies.js';
import { matchKey } from './cassette.js';
import { checkResponse } from './contract-check.js';
import type { Recording } from './recording.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and what fetch sets itself: never forwarded either way. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // fetch decodes compressed bodies, so neither side may see the original encoding.
  'accept-encoding',
  'content-encoding',
]);

export function copyHeaders(from: Headers | Record<string, string>): Headers {
  const out = new Headers();
  for (const [name, value] of from instanceof Headers ? from : Object.entries(from)) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.append(name, value);
  }
  return out;
}

const concat = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

/**
 * An event stream passed on chunk by chunk as it arrives; `done` gets the whole of it once it ended
 * cleanly. An upstream that breaks off breaks the client's connection the same way (`StreamCut`),
 * and nothing is recorded; a client that goes away cancels the upstream request.
 */
function passThrough(source: ReadableStream<Uint8Array>, done: (bytes: Uint8Array) => void) {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          controller.error(new StreamCut());
          return;
        }
        if (next.done) {
          controller.close();
          done(concat(chunks));
          return;
        }
        chunks.push(next.value);
        controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason).catch(() => undefined),
    },
    { highWaterMark: 0 },
  );
}
const isText = (type: string) => /^(application\/json|text\/(?!event-stream))/i.test(type);

/**
 * Forwards one request to the upstream and answers with what it said, untouched but for URLs on
 * the upstream (rewritten to this emulator, so downloads come back through it): JSON and
 * downloads whole, event streams passed on as they arrive. Once the whole answer has passed,
 * it is checked against the contract and, with `record`, written as a cassette.
 */
export async function forward(
  c: Context<AppEnv>,
  rec: Recording,
  body: Uint8Array | undefined,
): Promise<Response> {
  const root = rec.root!;
  const url = new URL(c.req.url);
  const headers = copyHeaders(c.req.raw.headers);
  const apiKey = rec.proxy?.apiKey;
  // Only the emulator's own key is swapped: the app under test keeps its dev key, the real key stays here.
  if (apiKey && c.req.header('authorization') === `Bearer ${rec.emulatorKey}`) {
    headers.set('authorization', `Bearer ${apiKey}`);
  }
  const started = Date.now();
  let upstream: Response;
  try {
    upstream = await fetch(`${root}${url.pathname}${url.search}`, {
      method: c.req.method,
      headers,
      body: body && body.byteLength > 0 ? bytesBody(body) : undefined,
      // A redirect is the client's to follow: following it here could carry the key to another origin.
      redirect: 'manual',
      signal: c.req.raw.signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new ApiError(
      502,
      'provider_error',
      `The --proxy upstream ${root} did not answer (${cause}): check that it is running and the URL is right, then retry.`,
      { provider: 'upstream' },
    );
  }
  rec.proxied();
  const contentType = upstream.headers.get('content-type') ?? '';
  const responseHeaders = copyHeaders(upstream.headers);
  const requestId = upstream.headers.get('x-request-id') ?? c.var.requestId;
  const done = (bytes: Uint8Array) => {
    const problems = checkResponse(c.req.method, url.pathname, upstream.status, contentType, bytes);
    rec.violated(
      { request_id: requestId, method: c.req.method, path: url.pathname, status: upstream.status },
      problems,
    );
    if (!rec.proxy?.record) return;
    const { redact } = rec;
    const requestType = c.req.header('content-type') ?? '';
    rec.write(
      {
        aig_cassette: 1,
        recorded_at: new Date().toISOString(),
        upstream: root,
        match: matchKey(c.req.raw, body, redact),
        request: {
          headers: redact.headers(copyHeaders(c.req.raw.headers)),
          ...(body ? { body: encodeBody(body, requestType, redact) } : {}),
        },
        response: {
          status: upstream.status,
          headers: redact.headers(responseHeaders),
          ...(bytes.byteLength > 0 ? { body: encodeBody(bytes, contentType, redact) } : {}),
        },
        duration_ms: Date.now() - started,
        violations: problems,
      },
      requestId,
    );
  };

  if (contentType.startsWith('text/event-stream') && upstream.body) {
    return new Response(passThrough(upstream.body, done), {
      status: upstream.status,
      headers: responseHeaders,
    });
  }
  const bytes = new Uint8Array(await upstream.arrayBuffer());
  done(bytes);
  const out = isText(contentType)
    ? Buffer.from(Buffer.from(bytes).toString('utf8').split(root).join(c.var.origin))
    : bytes;
  return new Response(upstream.status === 204 || upstream.status === 304 ? null : bytesBody(out), {
    status: upstream.status,
    headers: responseHeaders,
  });
}
