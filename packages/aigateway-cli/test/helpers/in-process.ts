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

/** A running in-process `aig`: live views of its output and the final result. */
export interface InProcessRun {
  stdout: () => string;
  stderr: () => string;
  done: Promise<RunResult>;
}

/** Starts `aig` in this process with fake streams, as the binary would; CI=1 unless overridden. */
export function startInProcess(argv: string[], options: InProcessOptions = {}): InProcessRun {
  const stdout = sink(options.tty === true);
  const stderr = sink(options.tty === true);
  const stdin: Readable & { isTTY?: boolean } = Readable.from(
    options.stdin === undefined ? [] : [Buffer.from(options.stdin)],
  );
  if (options.tty) stdin.isTTY = true;
  const done = runCli(argv, {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { CI: '1', XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, ...options.env },
    cwd: options.cwd ?? process.cwd(),
    clientFactory: options.clientFactory,
    signal: options.signal,
  }).then((code) => ({ code, stdout: stdout.text(), stderr: stderr.text() }));
  return { stdout: stdout.text, stderr: stderr.text, done };
}

/** Runs `aig` in this process to completion and collects its output. */
export function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  return startInProcess(argv, options).done;
}

/** Polls `read()` until `pattern` matches, for output of long-running commands. */
export async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
