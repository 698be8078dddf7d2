import module from 'node:module';

/** The package's version, written in by the build (tsup.config.ts): bin.js then imports no chunk before it answers. */
declare const __AIG_VERSION__: string;

// `aig --version` is run in every CI log and shell prompt: answer it before loading commander or
// anything else (it is most of the start-up cost), with the same output commander would print.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__AIG_VERSION__}\n`);
  process.exit(0);
}

// Node ≥ 22.1 keeps the compiled code of the modules loaded below, so later starts skip most of the parsing. The
// cache lives where Node puts it (a folder in the OS temp dir, or NODE_COMPILE_CACHE); NODE_DISABLE_COMPILE_CACHE=1
// turns it off. Node 20 has no such cache (nor its type in the @types/node this package builds with).
(module as typeof module & { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A command that calls the gateway starts loading the SDK now, alongside the program: each ES module is a file read
// on Node's thread pool, and these overlap instead of queueing (~15 ms less wall time for `aig models`). Help stays
// free of it; a prefetch nobody uses costs nothing but the load.
const SDK_COMMANDS = new Set([
  'models',
  'call',
  'usage',
  'sub-account',
  'eval',
  'replay',
  'jobs',
  'whoami',
  'status',
]);
if (
  argv.some((a) => SDK_COMMANDS.has(a)) &&
  !argv.some((a) => a === '--help' || a === '-h' || a === 'help')
) {
  import('aigateway-js/client').catch(() => {});
}

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

const { runCli } = await import('./run.js');
const code = await runCli(argv, {
  // Node creates process.stdin on first access (a stream over the pipe, file or TTY: ~1.5 ms of CPU); most commands
  // never read it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// Exit as soon as the command is done, once what it printed is flushed: fetch's keep-alive socket and other idle
// handles would otherwise hold the process open for tens of milliseconds after the result is out.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
