import { ApiError } from './errors.js';

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
const human = (n: number) =>
  n >= 1024 * 1024
    ? `${+(n / 1024 / 1024).toFixed(2)} MiB`
    : n >= 1024
      ? `${+(n / 1024).toFixed(2)} KiB`
      : bytes(n);

/** "is 65,537 bytes, over the 64 KiB limit (65,536 bytes)": exact, so a body just over the limit does not read as the limit. */
export function overLimit(size: number | undefined, limit: number): string {
  const got = size === undefined ? 'over' : `${bytes(size)}, over`;
  return `is ${got} the ${human(limit)} limit (${bytes(limit)})`;
}

export function tooLarge(size: number | undefined, limit: number): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `The request body ${overLimit(size, limit)}; send a smaller body (compress or split the input).`,
  );
}

/** Reads the whole body, refusing more than `limit` bytes (by Content-Length, or while streaming). */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(declared, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(undefined, limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const decoder = new TextDecoder();

/**
 * Deepest nesting of arrays and objects a JSON body may have. Deeper values are refused before
 * parsing: they overflow the stack of every recursive walk after it (validation, the request
 * log, the `--state` writer), where no request can answer for it any more.
 */
export const MAX_JSON_DEPTH = 128;

/** Throws a 400 when JSON text nests deeper than `MAX_JSON_DEPTH` (brackets inside strings do not count). */
export function assertJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new ApiError(
          400,
          'invalid_json',
          `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, over the nesting limit; flatten the JSON.`,
        );
      }
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
}

/** Parses a JSON body; malformed JSON is a 400 `invalid_json` with the parser's position. */
export function parseJson(bytes: Uint8Array | undefined): unknown {
  const text = bytes ? decoder.decode(bytes) : '';
  if (text.trim() === '') {
    throw new ApiError(
      400,
      'invalid_json',
      'The request body is empty. Send a JSON object with Content-Type: application/json.',
    );
  }
  assertJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof SyntaxError ? ` (${e.message})` : '';
    throw new ApiError(
      400,
      'invalid_json',
      `The request body is not valid JSON${detail}. Send a JSON object with Content-Type: application/json.`,
    );
  }
}

export interface MultipartFile {
  filename: string;
  content_type: string;
  bytes: Uint8Array;
}

/** Parses a multipart/form-data body into fields; files become `MultipartFile`s. */
export async function parseMultipart(
  bytes: Uint8Array,
  contentType: string,
): Promise<Record<string, string | MultipartFile | string[]>> {
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `This endpoint takes multipart/form-data (got ${contentType || 'no Content-Type'}); upload the audio as a form field named file.`,
    );
  }
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new ApiError(
      400,
      'invalid_value',
      'The multipart/form-data body could not be parsed; let your HTTP client build it (e.g. FormData) rather than writing it by hand.',
    );
  }
  const out: Record<string, string | MultipartFile | string[]> = {};
  for (const [rawKey, value] of form.entries()) {
    const key = rawKey.replace(/\[\]$/, '');
    if (typeof value === 'string') {
      // A repeated field is an array (OpenAPI's default form encoding), as is `name[]` (the openai SDK's).
      const prev = out[key];
      if (rawKey.endsWith('[]') || Array.isArray(prev))
        out[key] = [...(Array.isArray(prev) ? prev : []), value];
      else if (typeof prev === 'string') out[key] = [prev, value];
      else out[key] = value;
    } else {
      out[key] = {
        filename: value.name,
        content_type: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      };
    }
  }
  return out;
}
