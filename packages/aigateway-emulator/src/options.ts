import type { ScenarioRuleInput } from './domains/control/scenario-schema.js';
import { randomBytes } from 'node:crypto';
import { checkProtocol, DOCUMENTED_MCP_PROTOCOL } from './domains/mcp/protocol.js';
import { Exposure } from './http/exposure.js';
import type { ContractViolation, ProxyOptions, ReplayOptions } from './domains/recording/recording.js';

/** Options shared by `createEmulator`, `startEmulator`, the msw handlers and the bin. */
export interface EmulatorOptions {
  /** The top-level API key. Default: a random `sk-aig-…` key (derived from `seed` when given). */
  apiKey?: string;
  /** The webhook signing secret. Default: a random `whsec_…` secret (derived from `seed` when given). */
  webhookSecret?: string;
  /** Divides every emulated delay (job phases, webhook retry schedule, eval runs). Default 1. */
  timeScale?: number;
  /** Persist state to this JSON file on every change and restore it at start. Default: memory only. */
  stateFile?: string;
  /** Interval of `: keep-alive` comments on SSE streams, in ms. Default 15000. */
  keepaliveMs?: number;
  /**
   * Pause between the events of a streamed chat, in ms (real time, not divided by `timeScale`), so
   * a stream shows word by word. Default 0 (back to back, for fast tests); the bin and `aig dev`
   * default to 15 (`--stream-delay-ms`).
   */
  streamChunkDelayMs?: number;
  /** Seed for ids, keys and fault probabilities, for reproducible runs. Default: random ids, fault seed 1. */
  seed?: number;
  /** Largest accepted request body in bytes; bigger bodies get 413. Default 25 MiB. */
  maxBodyBytes?: number;
  /** How many requests the journal keeps (for replays and `/_emulator/requests`); the oldest go first. Default 10000. */
  maxStoredRequests?: number;
  /**
   * Bytes of request bodies the journal keeps in total; past it the oldest requests keep their
   * record but lose their body (so they cannot be replayed). Default 32 MiB.
   */
  maxJournalBodyBytes?: number;
  /** Timeout of one webhook delivery attempt in ms. Default 10000. */
  webhookTimeoutMs?: number;
  /** The fetch used for webhook deliveries. Default: the global fetch. */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * The newest MCP protocol revision the MCP server speaks (it speaks the older ones too); an
   * `initialize` asking for a newer one is answered with this one. Default `'2025-03-26'`, the
   * revision the hosted server documents; the bin's `--mcp-protocol`.
   */
  mcpProtocolVersion?: string;
  /**
   * Scripted replies, tried in order before the deterministic ones (the bin's `--scenario <file>`);
   * `POST /_emulator/scenarios` adds more at run time and a reset goes back to these. Default none.
   */
  scenarios?: ScenarioRuleInput[];
  /**
   * Where clients reach the emulator: signed file URLs are built from it, and only URLs on it are
   * read as the emulator's own files. Never taken from a request's `Host`. Default: the address
   * `startEmulator` listens on; the msw handlers' `baseUrl`; `http://localhost` for `createEmulator`.
   */
  publicOrigin?: string;
  /**
   * Browser origins allowed to call the emulator besides its own and pages on this machine
   * (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`, `https://localhost:*`): exact
   * origins (`https://app.example`) or `scheme://host:*` for any port. Other origins get 403.
   * The bin: `--allow-origin` (repeatable).
   */
  allowOrigins?: string[];
  /**
   * Forward `/v1` and `/mcp` to a real gateway instead of emulating, check every answer against
   * the contract, and with `record` write cassettes (see the README's "Record and replay").
   * @example { upstream: 'https://api.aigateway.sh/v1', apiKey: process.env.AIGATEWAY_API_KEY, record: 'cassettes' }
   */
  proxy?: ProxyOptions;
  /** Answer from the cassettes in `dir`; a request without one is emulated, or fails with `onMiss: 'error'`. */
  replay?: ReplayOptions;
  /** Called once per contract violation found in an upstream answer (the bin prints one line each on stderr). */
  onViolation?: (violation: ContractViolation) => void;
  /** Called once per handled request, for logging (the bin prints these). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called with unexpected errors (never sent to clients). */
  onError?: (error: unknown, requestId: string) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface ResolvedOptions
  extends Required<
    Omit<
      EmulatorOptions,
      | 'stateFile'
      | 'seed'
      | 'onRequest'
      | 'onError'
      | 'scenarios'
      | 'publicOrigin'
      | 'proxy'
      | 'replay'
      | 'onViolation'
    >
  > {
  scenarios: ScenarioRuleInput[];
  publicOrigin: string | undefined;
  stateFile: string | undefined;
  seed: number | undefined;
  onRequest: EmulatorOptions['onRequest'];
  onError: EmulatorOptions['onError'];
  proxy: ProxyOptions | undefined;
  replay: ReplayOptions | undefined;
  onViolation: EmulatorOptions['onViolation'];
}

function secret(seed: number | undefined, salt: string, bytes: number): string {
  if (seed === undefined) return randomBytes(bytes).toString('hex');
  let out = '';
  let h = (seed ^ 0x9e3779b9 ^ salt.length) >>> 0;
  while (out.length < bytes * 2) {
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, bytes * 2);
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative integer (got ${String(value)}).`);
  return value;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new TypeError(`timeScale must be a positive number (got ${String(options.timeScale)}).`);
  }
  const streamChunkDelayMs = options.streamChunkDelayMs ?? 0;
  if (!(streamChunkDelayMs >= 0) || !Number.isFinite(streamChunkDelayMs)) {
    throw new TypeError(
      `streamChunkDelayMs must be a non-negative number of milliseconds (got ${String(options.streamChunkDelayMs)}).`,
    );
  }
  const allowOrigins = options.allowOrigins ?? [];
  Exposure.validateOrigins(allowOrigins);
  if (options.publicOrigin !== undefined) Exposure.validateOrigins([options.publicOrigin]);
  return {
    publicOrigin: options.publicOrigin,
    allowOrigins,
    apiKey: options.apiKey ?? `sk-aig-${secret(options.seed, 'key', 16)}`,
    webhookSecret: options.webhookSecret ?? `whsec_${secret(options.seed, 'webhook', 24)}`,
    timeScale,
    stateFile: options.stateFile,
    keepaliveMs: options.keepaliveMs ?? 15_000,
    streamChunkDelayMs,
    seed: options.seed,
    maxBodyBytes: options.maxBodyBytes ?? 25 * 1024 * 1024,
    maxStoredRequests: positiveInteger('maxStoredRequests', options.maxStoredRequests, 10_000),
    maxJournalBodyBytes: positiveInteger(
      'maxJournalBodyBytes',
      options.maxJournalBodyBytes,
      32 * 1024 * 1024,
    ),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    mcpProtocolVersion: checkProtocol(options.mcpProtocolVersion ?? DOCUMENTED_MCP_PROTOCOL),
    scenarios: options.scenarios ?? [],
    onRequest: options.onRequest,
    onError: options.onError,
    proxy: options.proxy,
    replay: options.replay,
    onViolation: options.onViolation,
  };
}
