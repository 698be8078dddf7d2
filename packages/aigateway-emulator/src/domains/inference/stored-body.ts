import type { MultipartFile } from '../../http/body.js';

/** Request bodies up to this size are kept for replays. */
export const MAX_REPLAY_BODY_BYTES = 1024 * 1024;

/** An uploaded file (its bytes read), not a JSON value that happens to have a `bytes` member. */
export const isFile = (v: unknown): v is MultipartFile =>
  typeof v === 'object' && v !== null && (v as { bytes?: unknown }).bytes instanceof Uint8Array;

/** What the request log keeps for replays: the body, with uploaded files as base64. */
export function toStoredBody(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    out[k] = isFile(v)
      ? {
          filename: v.filename,
          content_type: v.content_type,
          data_base64: Buffer.from(v.bytes).toString('base64'),
        }
      : v;
  }
  return out;
}

/** The inverse of `toStoredBody`, for a multipart request's body (a JSON body has no files to restore). */
export function fromStoredBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const f = v as { filename?: string; content_type?: string; data_base64?: string } | null;
    out[k] =
      f && typeof f === 'object' && typeof f.data_base64 === 'string'
        ? {
            filename: f.filename ?? 'file',
            content_type: f.content_type ?? '',
            bytes: Buffer.from(f.data_base64, 'base64'),
          }
        : v;
  }
  return out;
}
