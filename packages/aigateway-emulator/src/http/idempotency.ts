import type { Core } from '../core.js';
import type { StoredResponse } from '../domains/idempotency.js';
import { dropped } from './context.js';
import { ApiError } from './errors.js';

interface IdempotentCall {
  scope: string;
  key: string;
  fingerprint: string;
  requestId: string;
  run: () => Promise<Response>;
}

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

/** Runs a POST under its `Idempotency-Key`: replays the stored response, or runs it and stores the outcome. */
export async function withIdempotency(core: Core, call: IdempotentCall): Promise<Response> {
  const { scope, key } = call;
  const stored = core.idempotency.begin(scope, key, call.fingerprint, core.clock.now());
  if (stored) return replay(stored);
  let res: Response;
  try {
    res = await call.run();
  } catch (e) {
    if (!(e instanceof ApiError)) {
      core.idempotency.release(scope, key);
      throw e;
    }
    res = e.toResponse(call.requestId);
  }
  if (dropped.has(res) || !storable(res.status) || !res.body) {
    if (storable(res.status) && !dropped.has(res))
      core.idempotency.complete(scope, key, save(res, Buffer.alloc(0), call.requestId));
    else core.idempotency.release(scope, key);
    return res;
  }
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    return captureStream(
      res,
      (bytes) =>
        endedWithError(bytes)
          ? core.idempotency.release(scope, key)
          : core.idempotency.complete(scope, key, save(res, bytes, call.requestId)),
      () => core.idempotency.release(scope, key),
    );
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  core.idempotency.complete(scope, key, save(res, bytes, call.requestId));
  return new Response(bytes, { status: res.status, headers: res.headers });
}

function save(res: Response, bytes: Buffer, requestId: string): StoredResponse {
  const headers: [string, string][] = [...res.headers].filter(([k]) => k !== 'content-length');
  if (!res.headers.has('x-request-id')) headers.push(['x-request-id', requestId]);
  return { status: res.status, headers, body: bytes.toString('base64') };
}
