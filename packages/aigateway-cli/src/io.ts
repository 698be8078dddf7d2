import type { Readable, Writable } from 'node:stream';

/** A readable stream that may be a terminal (process.stdin, a PassThrough in tests). */
export type InputStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** A writable stream that may be a terminal (process.stdout, a PassThrough in tests). */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Everything a command may touch outside itself; injected so commands run in-process in tests. */
export interface CliIO {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment variables (process.env in the binary). */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory: where `.env` is read and `init` writes. */
  cwd: string;
  /** Aborted on Ctrl-C; long-running commands stop and exit 130. */
  signal?: AbortSignal | undefined;
}
