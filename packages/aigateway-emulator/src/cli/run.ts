import { VERSION } from '../emulator.js';
import type { ContractViolation, RecordingStatus } from '../domains/recording/recording.js';
import type { RequestLogEntry } from '../options.js';
import { StateFileError } from '../runtime/state-file.js';
import { startEmulator } from '../server.js';
import { CliUsageError, emulatorHelp, parseEmulatorArgs } from './args.js';
import { listenErrorMessage } from './listen-error.js';

/** How long a stop waits for open work (connections, the `--state` write) before returning anyway. */
export const STOP_DEADLINE_MS = 1_500;

/**
 * What the command reports when `onEvent` is given, in place of its text: the fields a tool
 * prints as JSON lines (`aig dev --json`).
 */
export type EmulatorCliEvent =
  | {
      event: 'listening';
      version: string;
      base_url: string;
      api_key: string;
      webhook_secret: string;
      mcp_url: string;
      state_file: string | null;
      time_scale: number;
      stream_delay_ms: number;
      /** `--proxy`/`--record`/`--replay`: where answers come from; null when everything is emulated. */
      recording: Pick<RecordingStatus, 'mode' | 'upstream' | 'dir' | 'on_miss'> | null;
    }
  | {
      event: 'request';
      method: string;
      path: string;
      /** Null when the connection was dropped (`x-aig-fault: drop=`). */
      status: number | null;
      duration_ms: number;
      request_id: string;
    }
  | { event: 'internal_error'; request_id: string; message: string }
  /** Something whoever started it should know (bound beyond loopback: the key is reachable by others). */
  | { event: 'warning'; message: string }
  /** One thing an upstream answer got wrong against the contract (with `--proxy`). */
  | ({ event: 'contract_violation' } & ContractViolation)
  /** A signal arrived: the server closes (and writes `--state`); the promise resolves right after. */
  | { event: 'stopping' }
  | {
      /** The command could not start: a bad flag, a port or host it cannot listen on, or anything else. */
      event: 'error';
      code: 'usage_error' | 'port_in_use' | 'listen_failed' | 'state_file_invalid' | 'emulator_failed';
      /** One line saying what to do (for `emulator_failed`, the underlying error's message). */
      message: string;
      exit_code: 1 | 2;
    };

/** What stops the command: `process`, or anything that calls back on SIGINT and SIGTERM. */
export interface StopSignals {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** Where the command writes and which signals stop it; `aig dev` passes its own. */
export interface EmulatorCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Emits SIGINT/SIGTERM. Default: `process`. */
  signals: StopSignals;
  /** Program name in help and errors. */
  program: string;
  /** Where `--proxy-key-env` reads the upstream key. Default: `process.env`. */
  env: Record<string, string | undefined>;
  /**
   * Receives the banner, each request, a failure to start and the stop as events instead of
   * text on stdout and stderr (`--help` and `--version` still print), for a tool that prints
   * them its own way.
   */
  onEvent?: (event: EmulatorCliEvent) => void;
}

/** The banner's lines for `--proxy` and `--replay` (none when everything is emulated). */
export function recordingLines(
  recording: Extract<EmulatorCliEvent, { event: 'listening' }>['recording'],
): string[] {
  if (!recording) return [];
  if (recording.mode === 'proxy') {
    return [
      `  Proxy           ${recording.upstream}  (answers checked against the contract)`,
      `  Recording       ${recording.dir ?? 'off (pass --record <dir> to write cassettes)'}`,
    ];
  }
  const onMiss = recording.on_miss === 'error' ? 'fail (--replay-strict)' : 'emulate';
  return [`  Replay          ${recording.dir}  (without a cassette: ${onMiss})`];
}

/**
 * Runs the emulator as the bin does: parses flags, starts the server, prints the base URL, key
 * and webhook secret, logs requests, and stops cleanly on SIGINT/SIGTERM (writing `--state`).
 * Resolves with the exit code: 0 after a clean stop, 2 for a bad flag or a port/host it cannot listen on
 * (in use, not an address of this machine, no permission), 1 when it cannot start for another reason.
 *
 * @example
 * process.exitCode = await runEmulatorCli(['--port', '0', '--time-scale', '60']);
 */
export async function runEmulatorCli(argv: string[], io: Partial<EmulatorCliIo> = {}): Promise<number> {
  const {
    stdout = process.stdout,
    stderr = process.stderr,
    signals = process,
    program = 'aigateway-emulator',
    env = process.env,
    onEvent,
  } = io;
  const fail = (
    code: Extract<EmulatorCliEvent, { event: 'error' }>['code'],
    message: string,
    text: string,
  ) => {
    const exitCode = code === 'emulator_failed' ? 1 : 2;
    if (onEvent) onEvent({ event: 'error', code, message, exit_code: exitCode });
    else stderr.write(text);
    return exitCode;
  };
  let options: ReturnType<typeof parseEmulatorArgs>;
  try {
    options = parseEmulatorArgs(argv, env);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    return fail(
      'usage_error',
      e.message,
      `${program}: ${e.message}\nRun '${program} --help' for the options.\n`,
    );
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
  const logRequest = onEvent
    ? (r: RequestLogEntry) =>
        onEvent({
          event: 'request',
          method: r.method,
          path: r.path,
          status: r.status || null,
          duration_ms: r.durationMs,
          request_id: r.requestId,
        })
    : (r: RequestLogEntry) =>
        stdout.write(`${r.method} ${r.path} ${r.status || 'dropped'} ${r.durationMs}ms ${r.requestId}\n`);
  let gw: Awaited<ReturnType<typeof startEmulator>>;
  try {
    gw = await startEmulator({
      ...start,
      onRequest: quiet ? undefined : logRequest,
      // Prism-style: one line per violation, always (even with --quiet), on stderr.
      onViolation: (v) => {
        if (onEvent) onEvent({ event: 'contract_violation', ...v });
        else
          stderr.write(
            `contract violation: ${v.method} ${v.path} ${v.status} (${v.request_id}): ${v.message}\n`,
          );
      },
      onError: (error, requestId) => {
        const message = error instanceof Error ? error.message : String(error);
        if (onEvent) onEvent({ event: 'internal_error', request_id: requestId, message });
        else stderr.write(`internal error in ${requestId}: ${message}\n`);
      },
    });
  } catch (e) {
    const usage = listenErrorMessage(e, start.port ?? 0, start.host ?? '127.0.0.1');
    if (usage !== undefined) {
      const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
      return fail(inUse ? 'port_in_use' : 'listen_failed', usage, `${program}: ${usage}\n`);
    }
    const message = (e as Error).message;
    if (e instanceof StateFileError) return fail('state_file_invalid', message, `${program}: ${message}\n`);
    return fail('emulator_failed', message, `${program}: cannot start: ${message}\n`);
  }
  const origin = gw.url.slice(0, -'/v1'.length);
  for (const message of gw.warnings) {
    if (onEvent) onEvent({ event: 'warning', message });
    else stderr.write(`${program}: warning: ${message}\n`);
  }
  const { mode, upstream, dir, on_miss } = gw.control.recording();
  const recording = mode === 'emulate' ? null : { mode, upstream, dir, on_miss };
  if (onEvent) {
    onEvent({
      event: 'listening',
      version: VERSION,
      base_url: gw.url,
      api_key: gw.apiKey,
      webhook_secret: gw.webhookSecret,
      mcp_url: `${origin}/mcp`,
      state_file: start.stateFile ?? null,
      time_scale: start.timeScale ?? 1,
      stream_delay_ms: start.streamChunkDelayMs ?? 0,
      recording,
    });
  } else {
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
        ...recordingLines(recording),
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  if (onEvent) onEvent({ event: 'stopping' });
  else stdout.write('Stopping…\n');
  // Whatever is in flight (a hanging download, a slow client), the command ends within the deadline.
  let deadline: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    gw.close(),
    new Promise<void>((resolve) => {
      deadline = setTimeout(resolve, STOP_DEADLINE_MS);
    }),
  ]);
  clearTimeout(deadline);
  return 0;
}
