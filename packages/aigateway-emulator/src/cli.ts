import { CliUsageError, emulatorHelp, parseEmulatorArgs } from './cli-args.js';
import { VERSION } from './emulator.js';
import { listenErrorMessage } from './listen-error.js';
import { startEmulator } from './server.js';

/** Where the CLI writes and which signals stop it; `aig dev` passes its own. */
export interface EmulatorCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Emits SIGINT/SIGTERM. Default: `process`. */
  signals: Pick<NodeJS.Process, 'once' | 'off'>;
  /** Program name in help and errors. */
  program: string;
}

/**
 * Runs the emulator as the bin does: parses flags, starts the server, prints the base URL, key
 * and webhook secret, logs requests, and stops cleanly on SIGINT/SIGTERM (writing `--state`).
 * Resolves with the exit code: 0 after a clean stop, 2 for a bad flag or a port/host it cannot listen on
 * (in use, not an address of this machine, no permission), 1 when it cannot start for another reason.
 */
export async function runEmulatorCli(argv: string[], io: Partial<EmulatorCliIo> = {}): Promise<number> {
  const {
    stdout = process.stdout,
    stderr = process.stderr,
    signals = process,
    program = 'aigateway-emulator',
  } = io;
  let options: ReturnType<typeof parseEmulatorArgs>;
  try {
    options = parseEmulatorArgs(argv);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    stderr.write(`${program}: ${e.message}\nRun '${program} --help' for the options.\n`);
    return 2;
  }
  if (options.help) {
    stdout.write(emulatorHelp(program));
    return 0;
  }
  if (options.version) {
    stdout.write(`${VERSION}\n`);
    return 0;
  }
  const { quiet, help: _h, version: _v, ...start } = options;
  let gw: Awaited<ReturnType<typeof startEmulator>>;
  try {
    gw = await startEmulator({
      ...start,
      onRequest: quiet
        ? undefined
        : (r) =>
            stdout.write(`${r.method} ${r.path} ${r.status || 'dropped'} ${r.durationMs}ms ${r.requestId}\n`),
      onError: (error, requestId) =>
        stderr.write(
          `internal error in ${requestId}: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    });
  } catch (e) {
    const usage = listenErrorMessage(e, start.port ?? 0, start.host ?? '127.0.0.1');
    if (usage !== undefined) {
      stderr.write(`${program}: ${usage}\n`);
      return 2;
    }
    stderr.write(`${program}: cannot start: ${(e as Error).message}\n`);
    return 1;
  }
  const origin = gw.url.slice(0, -'/v1'.length);
  stdout.write(
    [
      `AIgateway emulator ${VERSION} is running`,
      `  Base URL        ${gw.url}`,
      `  API key         ${gw.apiKey}`,
      `  Webhook secret  ${gw.webhookSecret}`,
      `  Console         ${origin}/_emulator/  (open it in a browser; it asks for the key)`,
      `  MCP             ${origin}/mcp  (inspector: ${origin}/mcp/inspect)`,
      `  State           ${start.stateFile ?? 'in memory (pass --state <file> to keep it)'}`,
      `  Time scale      ${start.timeScale ?? 1}`,
      `  Stream pacing   ${start.streamChunkDelayMs ? `${start.streamChunkDelayMs} ms between chunks` : 'off (chunks back to back)'}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  stdout.write('Stopping…\n');
  await gw.close();
  return 0;
}
