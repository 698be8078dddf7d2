// Where a result goes, one rule for every command (README, "Results and --out"):
// - text (a chat answer, a transcript, a translation, OCR text) goes to stdout, or to --out FILE;
// - binary results (image, speech, video, music, 3D) go to --out FILE, or to stdout when it is not a terminal
//   (`--out -` says so explicitly); on a terminal without --out, aig prints where the result is instead;
// - an existing file is replaced only with --force (keeping its mode), FIFOs and devices are written through;
// - a file extension that names another format than the result's is an error, not a mislabelled file.
import { extname } from 'node:path';
import { usageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { checkOutTarget, type OutTarget, writeOutTarget } from './files.js';

/** The `--out` and `--force` flags of a command that saves results. */
export interface OutFlags {
  out?: string | undefined;
  force?: boolean | undefined;
}

/** Media types each file extension may hold (type/subtype, without parameters). */
const TYPES_OF_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  webp: ['image/webp'],
  gif: ['image/gif'],
  mp3: ['audio/mpeg', 'audio/mp3'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  flac: ['audio/flac', 'audio/x-flac'],
  aac: ['audio/aac'],
  opus: ['audio/opus', 'audio/ogg'],
  ogg: ['audio/ogg', 'audio/opus'],
  m4a: ['audio/mp4', 'audio/x-m4a'],
  pcm: ['audio/pcm', 'audio/l16'],
  mp4: ['video/mp4'],
  webm: ['video/webm', 'audio/webm'],
  mov: ['video/quicktime'],
  glb: ['model/gltf-binary'],
  gltf: ['model/gltf+json'],
  obj: ['model/obj'],
};

/** The usual extension of a media type, for advice ("save it as beat.wav"). */
export function extensionFor(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return undefined;
  return Object.entries(TYPES_OF_EXTENSION).find(([, types]) => types.includes(type))?.[0];
}

/** The lower-case extension of `path` without the dot ('' when none). */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

/**
 * Throws a usage error when `path`'s extension is one aig knows and names another format than
 * `contentType`; `resume` is the command that saves the same result under the right name.
 */
export function checkExtension(
  path: string,
  contentType: string | undefined,
  resume: (suggested: string) => string,
): void {
  const ext = extensionOf(path);
  const allowed = TYPES_OF_EXTENSION[ext];
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!allowed || !type || allowed.includes(type)) return;
  const right = extensionFor(type);
  const suggested = right ? `${path.slice(0, path.length - ext.length)}${right}` : undefined;
  throw usageError(
    `The result is ${type}, not .${ext}: aig does not convert formats.` +
      (suggested ? ` ${resume(suggested)}` : ' Choose an --out name with the right extension.'),
    'format_mismatch',
  );
}

/** Where a binary result goes: a checked `--out` target, or nothing (print where the result is instead). */
export type BinaryDestination = OutTarget | undefined;

/**
 * Decides, before the call, where a binary result goes: `--out` (checked now, so a bad path costs nothing),
 * else stdout when it is not a terminal and `--json` is off, else nowhere.
 */
export async function binaryDestination(
  rt: Runtime,
  flags: OutFlags,
  what: string,
): Promise<BinaryDestination> {
  const force = flags.force === true;
  if (flags.out === '-' && rt.out.json) {
    throw usageError(
      `--json prints a JSON document on stdout, so the ${what} needs --out FILE.`,
      'invalid_input',
    );
  }
  if (flags.out === '-' && rt.out.stdoutIsTTY) {
    throw usageError(
      `stdout is a terminal: the ${what} would print as garbage. Redirect it (> file) or pass --out FILE.`,
      'invalid_input',
    );
  }
  if (flags.out !== undefined) return checkOutTarget(flags.out, '--out', rt.io.cwd, force);
  if (!rt.out.json && !rt.out.stdoutIsTTY) return { kind: 'stdout', flag: '--out', path: '-' };
  return undefined;
}

/** Writes a binary result to its destination and says so (on stderr); returns what `--json` reports. */
export async function saveBinary(
  rt: Runtime,
  destination: OutTarget,
  bytes: Uint8Array,
  flags: OutFlags,
  contentType: string | undefined,
): Promise<{ out: string; bytes: number; content_type: string | null }> {
  await writeOutTarget(destination, bytes, rt.io.cwd, flags.force === true, (data) =>
    rt.out.writeBytes(data),
  );
  if (destination.kind !== 'stdout')
    rt.out.success(`Saved ${contentType ?? 'the result'} (${bytes.length} bytes) to ${destination.path}`);
  return { out: destination.path, bytes: bytes.length, content_type: contentType ?? null };
}

/**
 * A text result: printed on stdout, or (with `--out FILE`) collected and written to the file at the end, whole.
 * `--out -` is stdout.
 */
export class TextResult {
  private readonly parts: string[] = [];
  private constructor(
    private readonly rt: Runtime,
    private readonly target: OutTarget | undefined,
    private readonly force: boolean,
  ) {}

  /** Checks `--out` before the call. */
  static async open(rt: Runtime, flags: OutFlags): Promise<TextResult> {
    const force = flags.force === true;
    const target =
      flags.out === undefined || flags.out === '-'
        ? undefined
        : await checkOutTarget(flags.out, '--out', rt.io.cwd, force);
    return new TextResult(rt, target, force);
  }

  /** Whether the text goes to a file (then stdout gets only its path). */
  get toFile(): boolean {
    return this.target !== undefined;
  }

  /** Some of the text (streamed tokens); with --json and no file, nothing (the document carries it). */
  write(text: string): void {
    if (this.target) this.parts.push(text);
    else if (!this.rt.out.json) this.rt.out.write(text);
  }

  /** Writes the file, if any; returns what `--json` adds (`out`, `bytes`), or nothing for stdout. */
  async close(): Promise<{ out: string; bytes: number } | undefined> {
    if (!this.target) return undefined;
    const data = Buffer.from(this.parts.join(''), 'utf8');
    await writeOutTarget(this.target, data, this.rt.io.cwd, this.force, (bytes) =>
      this.rt.out.writeBytes(bytes),
    );
    this.rt.out.success(`Saved the answer (${data.length} bytes) to ${this.target.path}`);
    return { out: this.target.path, bytes: data.length };
  }
}

/** `--out` on a command whose result is data, not a file or text: refuse, saying what to do instead. */
export function refuseOut(flags: OutFlags, modality: string, example: string): void {
  if (flags.out === undefined) return;
  throw usageError(
    `--out saves files and text; a ${modality} result is data: use --json and redirect it (${example} --json > result.json).`,
    'invalid_input',
  );
}
