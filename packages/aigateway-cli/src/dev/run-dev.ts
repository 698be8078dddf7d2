// `aig dev`: runs aigateway-emulator (an optional package) with the emulator's own flags and prints its
// banner and request log, or with --json one JSON object per line (`listening` once, then `request` per request),
// like `aig webhooks listen --json`. Errors are the CLI's own: `error: …` lines, or one JSON error line.
import type { EmulatorCliEvent, StopSignals } from 'aigateway-emulator';
import { requireOptional } from '../core/optional-package.js';
import { CliError, interrupted, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

type Listening = Extract<EmulatorCliEvent, { event: 'listening' }>;
type Failure = Extract<EmulatorCliEvent, { event: 'error' }>;

function banner(e: Listening): string {
  const origin = e.base_url.slice(0, -'/v1'.length);
  return [
    `AIgateway emulator ${e.version} is running`,
    `  Base URL        ${e.base_url}`,
    `  API key         ${e.api_key}`,
    `  Webhook secret  ${e.webhook_secret}`,
    `  MCP             ${e.mcp_url}  (inspector: ${origin}/mcp/inspect)`,
    `  State           ${e.state_file ?? 'in memory (pass --state <file> to keep it)'}`,
    `  Time scale      ${e.time_scale}`,
    `  Stream pacing   ${e.stream_delay_ms ? `${e.stream_delay_ms} ms between chunks` : 'off (chunks back to back)'}`,
    ...recordingLines(e.recording),
    '',
    `Use it: export AIGATEWAY_BASE_URL=${e.base_url} AIGATEWAY_API_KEY=${e.api_key}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

function recordingLines(r: Listening['recording']): string[] {
  if (!r) return [];
  if (r.mode === 'proxy') {
    return [
      `  Proxy           ${r.upstream}  (answers checked against the contract)`,
      `  Recording       ${r.dir ?? 'off (pass --record <dir> to write cassettes)'}`,
    ];
  }
  return [`  Replay          ${r.dir}  (without a cassette: ${r.on_miss === 'error' ? 'fail' : 'emulate'})`];
}

/** A failure to start: a bad flag or a port/host it cannot listen on is a usage problem (2); anything else is 1. */
function startFailure({ code, message }: Failure): CliError {
  if (code === 'usage_error') {
    const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
    return usageError(`${sentence} Run 'aig dev --help' for the options.`, code);
  }
  if (code === 'emulator_failed')
    return new CliError(`The emulator cannot start: ${message}`, { code, exitCode: ExitCode.Unexpected });
  return new CliError(message, { code, exitCode: ExitCode.Usage });
}

// The emulator stops on SIGINT or SIGTERM; here Ctrl-C arrives as the CLI's abort signal (which the bin wires
// to SIGINT). Without one (in-process), it stops at once.
function signalsFrom(signal: AbortSignal | undefined): StopSignals {
  return {
    once(event, listener) {
      if (event !== 'SIGINT') process.once(event, listener);
      else if (!signal || signal.aborted) queueMicrotask(listener);
      else signal.addEventListener('abort', listener, { once: true });
    },
    off(event, listener) {
      if (event === 'SIGINT') signal?.removeEventListener('abort', listener);
      else process.off(event, listener);
    },
  };
}

/** Runs the emulator until Ctrl-C (exit 130) or SIGTERM (exit 0). */
export async function runDev(rt: Runtime, args: string[]): Promise<void> {
  requireOptional('aigateway-emulator', 'aigateway-emulator', 'aig dev', 'dev');
  const { runEmulatorCli } = await import('aigateway-emulator');
  const json = rt.out.json;
  const line = (event: EmulatorCliEvent) => rt.out.event(event);
  let failed: Failure | undefined;
  await runEmulatorCli(args, {
    // Only --help and --version print here; everything else arrives as an event.
    stdout: { write: (text: string) => rt.out.write(text) },
    stderr: { write: (text: string) => rt.out.writeStderr(text) },
    signals: signalsFrom(rt.signal),
    program: 'aig dev',
    env: rt.io.env,
    onEvent(event) {
      switch (event.event) {
        case 'error':
          failed = event;
          return;
        case 'listening':
          // The emulator's key unlocks only this local emulator, and whoever runs it needs it: show it, even when
          // it is also the key of this shell (the README's `export AIGATEWAY_API_KEY=sk-aig-emulator-dev`).
          rt.out.reveal(event.api_key);
          return json ? line(event) : rt.out.write(banner(event));
        case 'request':
          if (json) return line(event);
          return rt.out.line(
            `${event.method} ${event.path} ${event.status ?? 'dropped'} ${event.duration_ms}ms ${event.request_id}`,
          );
        case 'internal_error':
          if (json) return line(event);
          return rt.out.writeStderr(`internal error in ${event.request_id}: ${event.message}\n`);
        case 'warning':
          if (json) return line(event);
          return rt.out.writeStderr(`warning: ${event.message}\n`);
        case 'contract_violation':
          if (json) return line(event);
          return rt.out.writeStderr(
            `contract violation: ${event.method} ${event.path} ${event.status} (${event.request_id}): ${event.message}\n`,
          );
        case 'stopping':
          if (!json) rt.out.line('Stopping…');
          return;
      }
    },
  });
  if (failed) throw startFailure(failed);
  if (!rt.signal || rt.signal.aborted) throw interrupted('Emulator stopped.');
}
