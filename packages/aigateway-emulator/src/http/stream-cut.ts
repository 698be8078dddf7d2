/** What a body cut by `x-aig-fault: stream-cut=N` errors with: a fault, not a failure of the emulator. */
export class StreamCut extends Error {
  constructor() {
    super('stream cut by x-aig-fault');
    this.name = 'StreamCut';
  }
}

/**
 * For a server adapter that owns the socket: an SSE response whose body, when it errors with
 * {@link StreamCut}, calls `reset` (destroy the connection, as `drop=` does) instead of erroring,
 * so the adapter does not report the cut as a failed response. Any other error goes through as it
 * was. Other responses are returned untouched.
 */
export function resetOnCut(res: Response, reset: () => void): Response {
  // Headers and status first: reading `body` of @hono/node-server's lightweight Response rebuilds
  // it from its constructor arguments, dropping headers set since (X-Request-Id).
  const { headers, status } = res;
  if (!headers.get('content-type')?.startsWith('text/event-stream')) return res;
  const source = res.body;
  if (!source) return res;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          if (!(error instanceof StreamCut)) throw error;
          // Left open: the adapter cancels it when it sees the connection close.
          reset();
          return;
        }
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason).catch(() => undefined),
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status, headers });
}
