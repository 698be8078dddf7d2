import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/run.js';
import type { ClientFactory } from '../../src/sdk.js';

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Piped stdin content; default: an empty, ended stream. */
  stdin?: string | Buffer;
  /** Pretend stdout/stderr (and stdin) are terminals. */
  tty?: boolean;
  clientFactory?: ClientFactory;
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(tty: boolean): {
  stream: PassThrough & { isTTY?: boolean; columns?: number };
  text: () => string;
} {
  const stream: PassThrough & { isTTY?: boolean; columns?: number } = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (tty) {
    stream.isTTY = true;
    stream.columns = 120;
  }
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `aig` in this process with fake streams, as the binary would, and collects its output. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const stdout = sink(options.tty === true);
  const stderr = sink(options.tty === true);
  const stdin: Readable & { isTTY?: boolean } = Readable.from(
    options.stdin === undefined ? [] : [Buffer.from(options.stdin)],
  );
  if (options.tty) stdin.isTTY = true;
  const code = await runCli(argv, {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { CI: '1', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    clientFactory: options.clientFactory,
    signal: options.signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
