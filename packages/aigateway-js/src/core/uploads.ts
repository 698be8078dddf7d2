// File inputs for multipart uploads. A string is a filesystem path, read through a lazily imported
// node:fs so edge bundles never pull in a Node module.
import { InputValidationError } from './errors.js';

/** Anything `toFile` accepts. A string is a path on disk (Node, Bun, Deno). */
export type Uploadable =
  | string
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Response;

/** Options of `toFile`. */
export interface ToFileOptions {
  /** MIME type; inferred from the file name's extension when omitted. */
  type?: string | undefined;
}

const MIME: Record<string, string> = {
  mp3: 'audio/mpeg',
  mpga: 'audio/mpeg',
  mpeg: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  json: 'application/json',
};

// Kept out of a literal import() so bundlers targeting the edge do not try to resolve it.
const NODE_FS = 'node:fs';

/**
 * Turns a path, bytes, a Blob/File, a web ReadableStream, a Node Readable or a Response into a
 * `File` for upload.
 *
 * @example
 * await client.audio.transcriptions.create({ model, file: await toFile(buffer, 'call.mp3') });
 */
export async function toFile(value: Uploadable, name?: string, options: ToFileOptions = {}): Promise<File> {
  if (typeof value === 'string') return fromPath(value, name, options);
  if (typeof File !== 'undefined' && value instanceof File && (name === undefined || name === value.name)) {
    return options.type && options.type !== value.type
      ? new File([value], value.name, { type: options.type })
      : value;
  }
  const fileName = name ?? nameOf(value) ?? 'file';
  const type = options.type ?? (value instanceof Blob && value.type ? value.type : mimeOf(fileName));
  return new File([await bytesOf(value)], fileName, { type });
}

async function fromPath(path: string, name: string | undefined, options: ToFileOptions): Promise<File> {
  const fileName = name ?? path.split(/[\\/]/).pop() ?? 'file';
  const type = options.type ?? mimeOf(fileName);
  let fs: {
    openAsBlob?: (path: string) => Promise<Blob>;
    promises: {
      readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
      stat(path: string): Promise<{ isFile(): boolean }>;
    };
  };
  try {
    fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS);
  } catch {
    throw new InputValidationError('toFile', [
      {
        path: 'file',
        message: 'a path string needs a runtime with a filesystem; pass a Blob, File or bytes instead',
      },
    ]);
  }
  try {
    // stat first: openAsBlob reports a missing file as a bare ERR_INVALID_ARG_VALUE.
    if (!(await fs.promises.stat(path)).isFile()) throw Object.assign(new Error(), { code: 'not a file' });
    const blob = fs.openAsBlob ? await fs.openAsBlob(path) : new Blob([await fs.promises.readFile(path)]);
    return new File([blob], fileName, { type });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InputValidationError('toFile', [
      { path: 'file', message: `cannot read "${path}" (${typeof code === 'string' ? code : 'unreadable'})` },
    ]);
  }
}

async function bytesOf(value: Exclude<Uploadable, string>): Promise<BlobPart> {
  if (value instanceof Blob || value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) return value as ArrayBufferView<ArrayBuffer>;
  if (value instanceof Response) return value.blob();
  if (value instanceof ReadableStream) return new Response(value).blob();
  if (value && Symbol.asyncIterator in value) {
    const parts: BlobPart[] = [];
    for await (const chunk of value) parts.push(chunk as BlobPart);
    return new Blob(parts);
  }
  throw new InputValidationError('toFile', [
    {
      path: 'file',
      message: 'must be a path, a Blob/File, bytes, a ReadableStream, a Node Readable or a Response',
    },
  ]);
}

function nameOf(value: unknown): string | undefined {
  // fs.createReadStream(...) exposes the path it reads.
  const path = (value as { path?: unknown } | null)?.path;
  if (typeof path === 'string') return path.split(/[\\/]/).pop();
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name ? name : undefined;
}

function mimeOf(fileName: string): string {
  const ext = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
  return (ext && MIME[ext]) || 'application/octet-stream';
}

/** A multipart body encoded once, so every retry sends identical bytes (same boundary, same fingerprint). */
export class MultipartBody {
  constructor(
    readonly blob: Blob,
    readonly contentType: string,
  ) {}
}

/**
 * Encodes `fields` as `multipart/form-data`: file fields through `toFile`, arrays as repeated
 * `name[]` entries (as the `openai` SDK does), everything else as strings.
 *
 * Encoded here rather than by `new Response(formData)`: Bun's Response gives no `content-type`
 * (so no boundary) for a FormData body, and the bytes are needed up front anyway so that every
 * retry sends the same body. File contents stay Blobs (not copied).
 */
export async function multipartBody(
  fields: Record<string, unknown>,
  fileFields: readonly string[],
): Promise<MultipartBody> {
  const boundary = `----aigateway-${randomHex(16)}`;
  const parts: BlobPart[] = [];
  const head = (name: string, extra = ''): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"${extra}\r\n`;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (fileFields.includes(name)) {
      const file = await toFile(value as Uploadable);
      const type = file.type || 'application/octet-stream';
      parts.push(
        `${head(name, `; filename="${escapeQuoted(file.name)}"`)}Content-Type: ${type}\r\n\r\n`,
        file,
        '\r\n',
      );
    } else {
      for (const item of Array.isArray(value) ? value : [value]) {
        const field = Array.isArray(value) ? `${name}[]` : name;
        parts.push(`${head(field)}\r\n${normaliseNewlines(String(item))}\r\n`);
      }
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return new MultipartBody(new Blob(parts), `multipart/form-data; boundary=${boundary}`);
}

// The HTML multipart/form-data encoding: names and file names percent-escape `"`, CR and LF.
function escapeQuoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

// …and text values have their line breaks normalised to CRLF, as FormData does.
function normaliseNewlines(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\r\n');
}

function randomHex(bytes: number): string {
  const values = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  for (const byte of values) out += byte.toString(16).padStart(2, '0');
  return out;
}
