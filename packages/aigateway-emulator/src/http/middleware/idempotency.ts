import { createMiddleware } from 'hono/factory';
import type { Clock } from '../../runtime/clock.js';
import { sha256Hex } from '../../util/hash.js';
import type { AppEnv } from '../context.js';
import { isDropped } from '../drop.js';
import type { IdempotencyStore, StoredResponse } from './idempotency-store.js';

/** Retryable outcomes are not stored, so a retry with the same key runs again. */
const storable = (status: number) => status < 500 && status !== 429 && status !== 409 && status !== 499;

function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers);
  headers.set('idempotent-replayed', 'true');
  return new Response(Buffer.from(stored.body, 'base64'), { status: stored.status, headers });
}

/** A stream whose last event is an error envelope failed mid-way (retryable), like a cut one. */
function endedWithError(bytes: Buffer): boolean {
  const last = bytes.lastIndexOf('data: ');
  return last >= 0 && bytes.subarray(last + 6, last + 15).toString() === '{"error":';
}

/** Passes a streamed body through, storing it once it completed; a cut, failed or cancelled stream is not stored. */
function captureStream(res: Response, done: (bytes: Buffer) => void, abort: () => void): Response {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          done(Buffer.concat(chunks));
          controller.close();
          return;
        }
        chunks.push(next.value);
        controller.enqueue(next.value);
      } catch (e) {
        abort();
        controller.error(e);
      }
    },
    cancel(reason) {
      abort();
      return reader.cancel(reason);
    },
  });
  return new Response(stream, { status: res.status, headers: res.headers });
}

/** Multipart boundaries differ between retries of the same upload; take them out of the fingerprint. */
function fingerprint(
  template: string,
  body: Uint8Array | undefined,
  contentType: string | undefined,
): string {
  const text = Buffer.from(body ?? []).toString('latin1');
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  return sha256Hex(`${template}\n${boundary ? text.split(boundary).join('') : text}`);
}

function save(res: Response, bytes: Buffer, requestId: string): StoredResponse {
  const headers: [string, string][] = [...res.headers].filter(([k]) => k !== 'content-length');
  if (!res.headers.has('x-request-id')) headers.push(['x-request-id', requestId]);
  return { status: res.status, headers, body: bytes.toString('base64') };
}

/**
 * Runs a POST under its `Idempotency-Key`: replays the stored response, or runs it and stores
 * the outcome (streams once they completed); retryable outcomes release the key.
 */
export const idempotency = (store: IdempotencyStore, clock: Clock) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    const scope = c.var.principal.subAccountId ?? 'root';
    const print = fingerprint(
      c.var.operation?.path ?? c.req.path,
      c.var.rawBody,
      c.req.header('content-type'),
    );
    const stored = store.begin(scope, key, print, clock.now());
    if (stored) return replay(stored);
    const requestId = c.var.requestId;
    await next();
    const res = c.res;
    if (isDropped(res) || !storable(res.status) || !res.body) {
      if (storable(res.status) && !isDropped(res))
        store.complete(scope, key, save(res, Buffer.alloc(0), requestId));
      else store.release(scope, key);
      return;
    }
    c.res = undefined;
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      c.res = captureStream(
        res,
        (bytes) =>
          endedWithError(bytes)
            ? store.release(scope, key)
            : store.complete(scope, key, save(res, bytes, requestId)),
        () => store.release(scope, key),
      );
      return;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    store.complete(scope, key, save(res, bytes, requestId));
    c.res = new Response(bytes, { status: res.status, headers: res.headers });
  });
