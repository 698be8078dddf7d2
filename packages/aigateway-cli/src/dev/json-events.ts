// `aig dev --json`: the emulator's banner and request log are text written by the emulator's own CLI, so in JSON
// mode `aig dev` starts the emulator itself from the same flags and prints one JSON object per line instead,
// like `aig webhooks listen --json`: `listening` once, then `request` per request (unless --quiet).
import { CliError, interrupted, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

/** Runs the emulator until Ctrl-C (exit 130) or SIGTERM (exit 0), printing its events as JSON lines. */
export async function runDevJson(rt: Runtime, args: string[]): Promise<void> {
  const { CliUsageError, emulatorHelp, listenErrorMessage, parseEmulatorArgs, startEmulator, VERSION } =
    await import('aigateway-emulator');
  let options: ReturnType<typeof parseEmulatorArgs>;
  try {
    options = parseEmulatorArgs(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    throw usageError(`${error.message} Run 'aig dev --help' for the options.`, 'usage_error');
  }
  const { quiet, help, version, ...start } = options;
  if (help) return rt.out.write(emulatorHelp('aig dev'));
  if (version) return rt.out.line(VERSION);
  const event = (value: Record<string, unknown>) => rt.out.line(JSON.stringify(value));
  let gw: Awaited<ReturnType<typeof startEmulator>>;
  try {
    gw = await startEmulator({
      ...start,
      onRequest: quiet
        ? undefined
        : (r) =>
            event({
              event: 'request',
              method: r.method,
              path: r.path,
              status: r.status || null,
              duration_ms: r.durationMs,
              request_id: r.requestId,
            }),
      onError: (error, requestId) =>
        event({
          event: 'internal_error',
          request_id: requestId,
          message: error instanceof Error ? error.message : String(error),
        }),
    });
  } catch (error) {
    // The same line and exit code as without --json: a port in use or an unbindable host is a usage
    // problem (2) the emulator explains; anything else is unexpected (1).
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
  const origin = gw.url.slice(0, -'/v1'.length);
  event({
    event: 'listening',
    version: VERSION,
    base_url: gw.url,
    api_key: gw.apiKey,
    webhook_secret: gw.webhookSecret,
    mcp_url: `${origin}/mcp`,
    state_file: start.stateFile ?? null,
    time_scale: start.timeScale ?? 1,
    stream_delay_ms: start.streamChunkDelayMs ?? 0,
  });
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
  await gw.close();
  if (stoppedBy === 'SIGINT') throw interrupted('Emulator stopped.');
}
