// Bun 1.4's Response, as far as uploads are concerned: `new Response(formData)` encodes the body
// but sets no `content-type` header, so the multipart boundary cannot be read from it. The real
// Bun runs the runtime suite (test/runtimes); this reproduces the one behaviour under Node.
import { vi } from 'vitest';

/** Replaces the global Response with one that drops a FormData body's content-type; returns the undo. */
export function stubResponseWithoutFormDataType(): () => void {
  const Original = globalThis.Response;
  class BunLikeResponse extends Original {
    constructor(body?: BodyInit | null, init?: ResponseInit) {
      super(body, init);
      if (body instanceof FormData) this.headers.delete('content-type');
    }
  }
  vi.stubGlobal('Response', BunLikeResponse);
  return () => vi.unstubAllGlobals();
}
