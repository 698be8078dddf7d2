// `aig dev`: starts aigateway-emulator (an optional package) from the emulator's own flags and prints its
// banner and request log, or with --json one JSON object per line (`listening` once, then `request` per request),
// like `aig webhooks listen --json`. Errors are the CLI's own: `error: …` lines, or one JSON error line.
import type { RunningEmulator } from 'aigateway-emulator';
import { requireOptional } from '../core/optional-package.js';
import { CliError, interrupted, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

interface Shown {
  gw: RunningEmulator;
  version: string;
  stateFile: string | undefined;
  timeScale: number;
  streamDelayMs: number;
}

function banner({ gw, version, stateFile, timeScale, streamDelayMs }: Shown): string {
  const origin = gw.url.slice(0, -'/v1'.length);
  return [
    `AIgateway emulator ${version} is running`,
    `  Base URL        ${gw.url}`,
    `  API key         ${gw.apiKey}`,
    `  Webhook secret  ${gw.webhookSecret}`,
    `  MCP             ${origin}/mcp  (inspector: ${origin}/mcp/inspect)`,
    `  State           ${stateFile ?? 'in memory (pass --state <file> to keep it)'}`,
    `  Time scale      ${timeScale}`,
    `  Stream pacing   ${streamDelayMs ? `${streamDelayMs} ms between chunks` : 'off (chunks back to back)'}`,
    '',
    `Use it: export AIGATEWAY_BASE_URL=${gw.url} AIGATEWAY_API_KEY=${gw.apiKey}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** Runs the emulator until Ctrl-C (exit 130) or SIGTERM (exit 0). */
export async function runDev(rt: Runtime, args: string[]): Promise<void> {
  requireOptional('aigateway-emulator', 'aigateway-emulator', 'aig dev', 'dev');
  const { CliUsageError, emulatorHelp, listenErrorMessage, parseEmulatorArgs, startEmulator, VERSION } =
    await import('aigateway-emulator');
  let options: ReturnType<typeof parseEmulatorArgs>;
  try {
    options = parseEmulatorArgs(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    throw usageError(`${sentence} Run 'aig dev --help' for the options.`, 'usage_error');
  }
  const { quiet, help, version, ...start } = options;
  if (help) return rt.out.write(emulatorHelp('aig dev'));
  if (version) return rt.out.line(VERSION);
  const json = rt.out.json;
  const event = (value: Record<string, unknown>) => rt.out.event(value);
  let gw: RunningEmulator;
  try {
    gw = await startEmulator({
      ...start,
      onRequest: quiet
        ? undefined
        : (r) =>
            json
              ? event({
                  event: 'request',
                  method: r.method,
                  path: r.path,
                  status: r.status || null,
                  duration_ms: r.durationMs,
                  request_id: r.requestId,
                })
              : rt.out.line(
                  `${r.method} ${r.path} ${r.status || 'dropped'} ${r.durationMs}ms ${r.requestId}`,
                ),
      onError: (error, requestId) => {
        const message = error instanceof Error ? error.message : String(error);
        if (json) event({ event: 'internal_error', request_id: requestId, message });
        else rt.out.writeStderr(`internal error in ${requestId}: ${message}\n`);
      },
    });
  } catch (error) {
    // A port in use or an unbindable host is a usage problem (2) the emulator explains; anything else is 1.
    const why = listenErrorMessage(error, start.port ?? 0, start.host ?? '127.0.0.1');
    if (why !== undefined) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      throw new CliError(why, { code: inUse ? 'port_in_use' : 'listen_failed', exitCode: ExitCode.Usage });
    }
    throw new CliError(`The emulator cannot start: ${(error as Error).message}`, {
      code: 'emulator_failed',
      exitCode: ExitCode.Unexpected,
      cause: error,
    });
  }
  // The emulator's key unlocks only this local emulator, and whoever runs it needs it: show it, even when it
  // is also the key of this shell (the README's `export AIGATEWAY_API_KEY=sk-aig-emulator-dev`).
  rt.out.reveal(gw.apiKey);
  const shown = {
    gw,
    version: VERSION,
    stateFile: start.stateFile,
    timeScale: start.timeScale ?? 1,
    streamDelayMs: start.streamChunkDelayMs ?? 0,
  };
  if (!json) rt.out.write(banner(shown));
  else {
    event({
      event: 'listening',
      version: VERSION,
      base_url: gw.url,
      api_key: gw.apiKey,
      webhook_secret: gw.webhookSecret,
      mcp_url: `${gw.url.slice(0, -'/v1'.length)}/mcp`,
      state_file: shown.stateFile ?? null,
      time_scale: shown.timeScale,
      stream_delay_ms: shown.streamDelayMs,
    });
  }
  const stoppedBy = await new Promise<'SIGINT' | 'SIGTERM'>((resolve) => {
    const onTerm = () => resolve('SIGTERM');
    process.once('SIGTERM', onTerm);
    const onAbort = () => {
      process.off('SIGTERM', onTerm);
      resolve('SIGINT');
    };
    if (!rt.signal || rt.signal.aborted) onAbort();
    else rt.signal.addEventListener('abort', onAbort, { once: true });
  });
  if (!json) rt.out.line('Stopping…');
  await gw.close();
  if (stoppedBy === 'SIGINT') throw interrupted('Emulator stopped.');
}
