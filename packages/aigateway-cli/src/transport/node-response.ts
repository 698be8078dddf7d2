// The fetch Response for a node:http response: status, headers (node-headers.ts) and the body, decoded if the
// server compressed it unasked. Reading it never loads Node's own fetch (undici); the body becomes a web stream
// only when asked for one (`.body`: a streamed answer): text() and json() read the node stream as it is.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { nodeRequire } from '../core/node-require.js';
import { NodeHeaders } from './node-headers.js';

/** Decompresses what a server sent compressed although it was not asked to. */
async function decoded(res: IncomingMessage): Promise<Readable> {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return res;
  const zlib = nodeRequire('node:zlib') as typeof import('node:zlib');
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

/** A body as node gives it, and what to call once it is read, failed or abandoned. */
interface NodeBody {
  source: Readable;
  done: () => void;
}

/** All of a node stream's bytes, in one buffer of their own; rejects as a web stream's read would. */
function drain({ source, done }: NodeBody): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let finished = false;
    const finish = (settle: () => void) => {
      if (finished) return;
      finished = true;
      done();
      settle();
    };
    source.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.byteLength;
    });
    source.once('end', () => finish(() => resolve(concat(chunks, length))));
    source.once('error', (error) => finish(() => reject(error)));
    source.once('close', () =>
      finish(() => reject(new TypeError('terminated', { cause: new Error('other side closed') }))),
    );
  });
}

/** `chunks` copied into one new buffer (never a view into node's pooled memory, so `.buffer` is exactly it). */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A web ReadableStream over a node stream, with backpressure; cancelling it destroys the source. */
function webStream({ source, done }: NodeBody): ReadableStream<Uint8Array<ArrayBuffer>> {
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

/** The Response for a node:http response: what `fetch` resolves with. */
export class NodeResponse implements Response {
  readonly type: ResponseType = 'basic';
  readonly redirected = false;
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  /** The body as a web stream, once `.body` was asked for (or the response cloned). */
  private stream: ReadableStream<Uint8Array<ArrayBuffer>> | null;
  /** The body as node gives it, until it is read or turned into `stream`. */
  private pending: NodeBody | undefined;
  private used = false;

  constructor(
    init: { status: number; statusText: string; headers: Headers; url: string },
    body: ReadableStream<Uint8Array<ArrayBuffer>> | NodeBody | null,
  ) {
    this.status = init.status;
    this.ok = init.status >= 200 && init.status < 300;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.url = init.url;
    // Told apart by shape: naming the global ReadableStream would make Node load web streams.
    if (body === null || 'getReader' in body) this.stream = body;
    else {
      this.stream = null;
      this.pending = body;
    }
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.pending) {
      this.stream = webStream(this.pending);
      this.pending = undefined;
    }
    return this.stream;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    if (this.pending) {
      const body = this.pending;
      this.pending = undefined;
      return drain(body);
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = this.stream?.getReader();
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      chunks.push(next.value);
      length += next.value.byteLength;
    }
    return concat(chunks, length);
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
    const body = this.body;
    if (body) [this.stream, copy] = body.tee();
    return new NodeResponse(this, copy);
  }
}

/** The fetch Response for node's response; reading or cancelling its body honours `signal`. */
export async function respond(
  res: IncomingMessage,
  out: { url: URL; method: string; signal: AbortSignal | undefined },
): Promise<Response> {
  const { signal } = out;
  const status = res.statusCode ?? 0;
  const onAbort = () => res.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const release = () => signal?.removeEventListener('abort', onAbort);
  const empty = out.method === 'HEAD' || status === 204 || status === 304;
  if (empty) {
    release();
    res.resume();
  }
  return new NodeResponse(
    {
      status,
      statusText: res.statusMessage ?? '',
      headers: new NodeHeaders(res.rawHeaders),
      url: out.url.href,
    },
    empty ? null : { source: await decoded(res), done: release },
  );
}
