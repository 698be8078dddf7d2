// What `aig` runs once bin.ts has handed over: the process's streams, signals and exit code around runCli.
import { runCli } from './run.js';

// Ctrl-C aborts the running command (streams, polls, servers), which then exits 130; a second Ctrl-C forces it.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

// `aig models | head -1`: the reader left, so there is nobody to tell; stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
}

async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    // Node creates process.stdin on first access (a stream over the pipe, file or TTY: ~1.5 ms of CPU); most
    // commands never read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  // Exit as soon as the command is done, once what it printed is flushed: the keep-alive socket and other idle
  // handles would otherwise hold the process open for tens of milliseconds after the result is out.
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

void main();
