import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DOCUMENTED_MCP_PROTOCOL, MCP_PROTOCOLS } from '../domains/mcp/protocol.js';
import { Exposure } from '../http/exposure.js';
import { upstreamRoot } from '../domains/recording/recording.js';
import { API_KEY } from '../domains/recording/redact.js';
import type { StartEmulatorOptions } from '../server.js';
import { readScenarioFile } from './scenario-file.js';

/** The documented dev defaults of the bin, so they can live in a `.env`. */
export const DEV_API_KEY = 'sk-aig-emulator-dev';
export const DEV_WEBHOOK_SECRET = 'whsec_emulator_dev';
/** The bin's pause between streamed chunks: enough to watch a stream arrive word by word. */
export const DEV_STREAM_DELAY_MS = 15;

export interface EmulatorCliOptions extends StartEmulatorOptions {
  quiet: boolean;
  help: boolean;
  version: boolean;
}

export function emulatorHelp(program = 'aigateway-emulator'): string {
  return `Usage: ${program} [options]

A local, stateful AIgateway: every endpoint of https://api.aigateway.sh/v1, offline.

Options:
  --port <n>             Port to listen on (0 = a free port)              [default: 4010]
  --host <addr>          Interface to bind                                [default: 127.0.0.1]
  --key <sk-aig-...>     Top-level API key                                [default: ${DEV_API_KEY}]
  --webhook-secret <s>   Webhook signing secret                           [default: ${DEV_WEBHOOK_SECRET}]
  --time-scale <n>       Divide every delay (jobs, webhook retries) by n  [default: 1]
  --state <file>         Save state to this JSON file and restore it at start
  --keepalive-ms <n>     Interval of SSE ": keep-alive" comments          [default: 15000]
  --stream-delay-ms <n>  Pause between streamed chat chunks (0 = none)    [default: ${DEV_STREAM_DELAY_MS}]
  --seed <n>             Seed for ids and fault probabilities (reproducible runs)
  --mcp-protocol <v>     Newest MCP revision /mcp speaks                  [default: ${DOCUMENTED_MCP_PROTOCOL}]
  --scenario <file>      Scripted replies: rules from a JSON or YAML file (see the README)
  --allow-origin <o>     Let web pages at this origin call it too (repeatable; http://host:*
                         for any port); pages on localhost and 127.0.0.1 always may
  --public-origin <url>  Where clients reach it, behind a proxy or tunnel (https://emu.example):
                         signed file URLs use it and its host is answered [default: the listen address]
  --proxy <url>          Forward /v1 and /mcp to this gateway, checking answers against the contract
  --proxy-key-env <NAME> Send the key in env var NAME upstream in place of the emulator's own key
  --record <dir>         With --proxy: write one cassette per request into dir (secrets stripped)
  --replay <dir>         Answer from the cassettes in dir; emulate requests without one
  --replay-strict        With --replay: a request without a cassette fails (500) instead
  --quiet                Do not log requests
  -h, --help             Show this help
  -v, --version          Show the version

Examples:
  ${program}
  ${program} --port 0 --time-scale 60 --state .aigateway/state.json
  ${program} --proxy https://api.aigateway.sh/v1 --proxy-key-env AIGATEWAY_UPSTREAM_KEY --record cassettes
  ${program} --replay cassettes --replay-strict
  OPENAI_BASE_URL=http://127.0.0.1:4010/v1 OPENAI_API_KEY=${DEV_API_KEY} node app.js
`;
}

/** A bad flag: the message says what is wrong; the bin prints it and exits 2. */
export class CliUsageError extends Error {}

function number(
  name: string,
  value: string | undefined,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new CliUsageError(`--${name} must be ${what} (got '${value}').`);
  return n;
}

function mcpProtocol(value: string | undefined): string | undefined {
  if (value === undefined || MCP_PROTOCOLS.includes(value)) return value;
  throw new CliUsageError(
    `--mcp-protocol must be one of ${MCP_PROTOCOLS.join(', ')} (got '${value}'); omit it for ${DOCUMENTED_MCP_PROTOCOL}, the documented server's.`,
  );
}

function allowOrigins(entries: string[]): string[] {
  try {
    Exposure.validateOrigins(entries);
  } catch (e) {
    throw new CliUsageError(`--allow-origin: ${(e as Error).message}`);
  }
  return entries;
}

/** `--public-origin`: an origin only (scheme, host, port), since signed URLs are built on it. */
function publicOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  )
    throw new CliUsageError(
      `--public-origin ${value}: pass an origin like https://emu.example or http://10.0.0.5:4010 (scheme, host and port; no path).`,
    );
  return url.origin;
}

/** `--proxy`, `--record`, `--proxy-key-env`, `--replay`, `--replay-strict`, checked together. */
function recordingOptions(
  values: ReturnType<typeof parse>['values'],
  env: Record<string, string | undefined>,
): Pick<StartEmulatorOptions, 'proxy' | 'replay'> {
  const { proxy, record, replay } = values;
  const keyEnv = values['proxy-key-env'];
  if (proxy === undefined) {
    if (record !== undefined)
      throw new CliUsageError(
        '--record needs --proxy <upstream base URL>: the gateway whose answers to record.',
      );
    if (keyEnv !== undefined) throw new CliUsageError('--proxy-key-env needs --proxy <upstream base URL>.');
  }
  if (replay === undefined && values['replay-strict'])
    throw new CliUsageError('--replay-strict needs --replay <dir>: the cassettes to answer from.');
  if (proxy !== undefined && replay !== undefined)
    throw new CliUsageError(
      'Pass --proxy (forward, and --record) or --replay (serve cassettes), not both: record first, then replay.',
    );
  if (replay !== undefined) {
    if (!existsSync(replay))
      throw new CliUsageError(
        `--replay ${replay}: no such directory; record one first with --proxy <upstream base URL> --record ${replay}.`,
      );
    return { replay: { dir: replay, onMiss: values['replay-strict'] ? 'error' : 'emulate' } };
  }
  if (proxy === undefined) return {};
  try {
    upstreamRoot(proxy);
  } catch (e) {
    throw new CliUsageError(`--proxy: ${(e as Error).message}`);
  }
  let apiKey: string | undefined;
  if (keyEnv !== undefined) {
    apiKey = env[keyEnv];
    // The message names the variable, never its value.
    if (!apiKey)
      throw new CliUsageError(
        `--proxy-key-env ${keyEnv}: the environment variable ${keyEnv} is not set; export it with your AIgateway key, or drop the flag to forward each request's own Authorization.`,
      );
    if (!API_KEY.test(apiKey))
      throw new CliUsageError(
        `--proxy-key-env ${keyEnv}: the value of ${keyEnv} does not look like an AIgateway key ('sk-aig-...'); check the variable.`,
      );
  }
  return { proxy: { upstream: proxy, ...(apiKey ? { apiKey } : {}), ...(record ? { record } : {}) } };
}

/** Parses the bin's flags (shared with `aig dev`); `env` holds the variable `--proxy-key-env` names. */
export function parseEmulatorArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): EmulatorCliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
  const port =
    number(
      'port',
      values.port,
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      'an integer from 0 to 65535',
    ) ?? 4010;
  const key = values.key ?? DEV_API_KEY;
  if (!/^sk-aig-[A-Za-z0-9._-]+$/.test(key))
    throw new CliUsageError("--key must look like 'sk-aig-...' (letters, digits, '.', '_' or '-').");
  return {
    port,
    host: values.host ?? '127.0.0.1',
    apiKey: key,
    webhookSecret: values['webhook-secret'] ?? DEV_WEBHOOK_SECRET,
    timeScale: number('time-scale', values['time-scale'], (n) => n > 0, 'a positive number'),
    stateFile: values.state,
    keepaliveMs: number(
      'keepalive-ms',
      values['keepalive-ms'],
      (n) => Number.isInteger(n) && n >= 0,
      'a non-negative integer (ms)',
    ),
    streamChunkDelayMs:
      number(
        'stream-delay-ms',
        values['stream-delay-ms'],
        (n) => Number.isInteger(n) && n >= 0,
        'a non-negative integer (ms)',
      ) ?? DEV_STREAM_DELAY_MS,
    seed: number('seed', values.seed, Number.isInteger, 'an integer'),
    mcpProtocolVersion: mcpProtocol(values['mcp-protocol']),
    scenarios: values.scenario === undefined ? undefined : scenarios(values.scenario),
    allowOrigins: allowOrigins(values['allow-origin'] ?? []),
    publicOrigin: publicOrigin(values['public-origin']),
    ...recordingOptions(values, env),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function scenarios(path: string) {
  try {
    return readScenarioFile(path);
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      key: { type: 'string' },
      'webhook-secret': { type: 'string' },
      'time-scale': { type: 'string' },
      state: { type: 'string' },
      'keepalive-ms': { type: 'string' },
      'stream-delay-ms': { type: 'string' },
      seed: { type: 'string' },
      'mcp-protocol': { type: 'string' },
      scenario: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'public-origin': { type: 'string' },
      proxy: { type: 'string' },
      'proxy-key-env': { type: 'string' },
      record: { type: 'string' },
      replay: { type: 'string' },
      'replay-strict': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
