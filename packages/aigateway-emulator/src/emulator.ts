import { randomBytes } from 'node:crypto';
import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app.js';
import { Accounts } from './domains/accounts/accounts.js';
import { Metering } from './domains/accounts/metering.js';
import { RateLimiter } from './domains/accounts/rate-limit.js';
import { SpendCaps } from './domains/accounts/spend-cap.js';
import { ModelLifecycles } from './domains/catalog/lifecycle.js';
import { createControl, type EmulatorControl } from './domains/control/control.js';
import { EventHub } from './domains/control/events.js';
import { CONTROL_MAX_BODY_BYTES } from './domains/control/routes.js';
import { Faults } from './domains/control/faults.js';
import { type RequestJournal, requestJournal } from './domains/control/journal.js';
import { RequestLog } from './domains/control/requests.js';
import { Scenarios } from './domains/control/scenarios.js';
import { Evals } from './domains/evals/evals.js';
import { Replays } from './domains/evals/replays.js';
import { Files } from './domains/files/files.js';
import type { InferenceServices } from './domains/inference/endpoint.js';
import { Jobs } from './domains/jobs/jobs.js';
import { Webhooks } from './domains/jobs/webhooks.js';
import { McpSessions } from './domains/mcp/sessions.js';
import { Recording } from './domains/recording/recording.js';
import { mcpBodyLimit } from './domains/mcp/transport-errors.js';
import type { PrereadBody } from './http/context.js';
import { Exposure } from './http/exposure.js';
import { IdempotencyStore } from './http/middleware/idempotency-store.js';
import { ApiError } from './http/errors.js';
import { type NamespaceControl, NAMESPACE_HEADER, Namespaces } from './namespaces.js';
import { type EmulatorOptions, resolveOptions } from './options.js';
import { clockState, createClock, Scheduler } from './runtime/clock.js';
import { EmulatorState } from './runtime/state.js';
import { createIds } from './util/ids.js';
import { createRng } from './util/rng.js';

export { isDropped } from './http/drop.js';

export const VERSION: string = packageJson.version;

/** An emulator without a server: a `fetch` handler, its control API, and `close`. */
export interface Emulator {
  /** Handles one request (URLs in responses use the `publicOrigin` option, `http://localhost` by default). */
  fetch(request: Request): Promise<Response>;
  /** The top-level API key. */
  readonly apiKey: string;
  /** The webhook signing secret (`x-aig-signature`). */
  readonly webhookSecret: string;
  readonly control: EmulatorControl;
  /** The request journal: find, count and expect the requests the emulator answered. */
  readonly requests: RequestJournal;
  /**
   * The isolated emulator that requests with `x-aig-emulator-namespace: <name>` reach (created on
   * first use): same keys and options, state of its own. For parallel test files.
   *
   * @example
   * const ns = gw.namespace('checkout.test');
   * const openai = new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey, defaultHeaders: { 'x-aig-emulator-namespace': 'checkout.test' } });
   * // …
   * ns.requests.expect({ endpoint: 'chat' });
   */
  namespace(name: string): Emulator;
  /** Stops timers, webhook deliveries and MCP sessions (every namespace's), and writes the state file. */
  close(): Promise<void>;
}

/** What the server adapters need beyond the public emulator. */
export interface ServedEmulator {
  emulator: Emulator;
  /** `fetch` for an adapter that read the body already (see `PrereadBody`). */
  serve(request: Request, preread?: PrereadBody): Promise<Response>;
  /** Which hosts and origins it answers, and its public origin (set by the server once listening). */
  exposure: Exposure;
  /**
   * How much of a body an adapter should read before handing the request over: MCP messages
   * have their own, smaller limit, and so do control routes; GET and DELETE have none.
   */
  prereadLimit(method: string, path: string): number | undefined;
}

const isMcp = (path: string) => path === '/mcp' || path.startsWith('/mcp/');

type OneEmulator = Omit<ServedEmulator, 'emulator'> & { emulator: Omit<Emulator, 'namespace'> };

/** Builds every domain of one namespace, wires them into the app, and restores the `--state` file. */
function assembleOne(
  options: EmulatorOptions,
  namespaces?: NamespaceControl,
  shared?: Exposure,
): OneEmulator {
  const resolved = resolveOptions(options);
  // Live events for the console (`GET /_emulator/events`).
  const events = new EventHub();
  const state = new EmulatorState(resolved.stateFile, {
    changed: () => events.emit({ type: 'changed' }),
    reset: () => events.emit({ type: 'reset' }),
  });
  const { changed } = state;
  const clock = createClock(resolved.timeScale);
  const scheduler = new Scheduler(clock);
  const ids = createIds(resolved.seed);
  // Namespaces share the server's: one listening address, one set of hosts and origins.
  const exposure =
    shared ?? new Exposure({ publicOrigin: resolved.publicOrigin, allowOrigins: resolved.allowOrigins });
  // Random, never from --seed: a seeded secret would let anyone forge signed file URLs.
  const files = new Files(randomBytes(32).toString('hex'), changed, { clock, exposure });
  const accounts = new Accounts(resolved.apiKey, ids, changed);
  const rateLimiter = new RateLimiter();
  const metering = new Metering(resolved.maxStoredRequests, () => ids.prefixed('chg_'), changed);
  const webhooks = new Webhooks(resolved, clock, scheduler, ids, changed);
  const lifecycles = new ModelLifecycles(clock, changed);
  const caps = new SpendCaps(accounts, metering, clock, () => ids.prefixed('rsv_'), changed);
  const jobs = new Jobs(clock, scheduler, files, webhooks, caps, changed);
  const evals = new Evals(clock, scheduler, caps, changed);
  const requests = new RequestLog(
    { maxRequests: resolved.maxStoredRequests, maxBodyBytes: resolved.maxJournalBodyBytes },
    (record) => events.emit({ type: 'request', record }),
  );
  // Rules given as an option are checked here: a bad one fails createEmulator with one line per rule.
  const scenarios = new Scenarios(resolved.scenarios);
  const journal = requestJournal(requests, (id) => scenarios.name(id));
  const idempotency = new IdempotencyStore(changed);
  const faults = new Faults(createRng(resolved.seed ?? 1));
  const services: InferenceServices = {
    clock,
    ids,
    accounts,
    metering,
    caps,
    lifecycles,
    evals,
    files,
    jobs,
    streaming: { keepaliveMs: resolved.keepaliveMs, chunkDelayMs: resolved.streamChunkDelayMs },
  };
  const replays = new Replays(requests, services, changed);
  const recording = new Recording(resolved.proxy, resolved.replay, {
    emulatorKey: resolved.apiKey,
    secrets: [resolved.webhookSecret],
    onViolation: resolved.onViolation,
    onError: resolved.onError,
  });
  // Reset and restore go in this order: the scheduler's timers first, the clock before anything arms one.
  state.register(
    scheduler,
    clockState(clock),
    lifecycles,
    files,
    accounts,
    rateLimiter,
    metering,
    caps,
    jobs,
    webhooks,
    evals,
    requests,
    replays,
    idempotency,
    faults,
    scenarios,
    recording,
  );
  state.restore();

  const control = createControl({
    clock,
    scheduler,
    state,
    faults,
    scenarios,
    requests,
    journal,
    accounts,
    metering,
    jobs,
    webhooks,
    evals,
    replays,
    files,
    lifecycles,
    recording,
    streaming: services.streaming,
  });
  // Aborted on close: an input download (MCP audio_url) never holds the process open.
  const closing = new AbortController();
  const sessions = new McpSessions(
    {
      signal: closing.signal,
      fetch: (request) => serve(request),
      readInput: (url, caller, param) => files.readInput(url, caller, param),
      version: VERSION,
      onError: resolved.onError,
    },
    resolved.mcpProtocolVersion,
  );
  const app = createApp({
    ...services,
    options: resolved,
    rateLimiter,
    replays,
    requests,
    faults,
    scenarios,
    idempotency,
    sessions,
    control,
    events,
    namespaces,
    exposure,
    recording,
  });
  const serve = async (request: Request, preread?: PrereadBody) => app.fetch(request, { preread });

  return {
    emulator: {
      fetch: (request) => serve(request),
      apiKey: resolved.apiKey,
      webhookSecret: resolved.webhookSecret,
      control,
      requests: journal,
      async close() {
        closing.abort();
        scheduler.close();
        webhooks.close();
        events.close();
        await sessions.close();
        await recording.settle();
        await state.flush();
      },
    },
    serve,
    exposure,
    prereadLimit(method, path) {
      if (method !== 'POST' && method !== 'PATCH') return undefined;
      if (isMcp(path)) return mcpBodyLimit(resolved.maxBodyBytes);
      return path.startsWith('/_emulator/') ? CONTROL_MAX_BODY_BYTES : resolved.maxBodyBytes;
    },
  };
}

/** Requests without the namespace header and the namespace routes go to the default namespace. */
const isNamespaceRoute = (path: string) =>
  path === '/_emulator/namespaces' || path.startsWith('/_emulator/namespaces/');

/** The default namespace, and the others the namespace header picks (see `Namespaces`). */
export function assembleEmulator(options: EmulatorOptions = {}): ServedEmulator {
  let keys: Pick<EmulatorOptions, 'apiKey' | 'webhookSecret'> = {};
  const namespaces = new Namespaces(() => {
    // Same keys and options; no state file (a namespace lives as long as the process).
    const one = assembleOne({ ...options, ...keys, stateFile: undefined }, undefined, root.exposure);
    return { one, requestCount: () => one.emulator.requests.count(), close: () => one.emulator.close() };
  });
  const root = assembleOne(options, namespaces);
  keys = { apiKey: root.emulator.apiKey, webhookSecret: root.emulator.webhookSecret };

  const serve = async (request: Request, preread?: PrereadBody): Promise<Response> => {
    const name = request.headers.get(NAMESPACE_HEADER);
    if (name === null || isNamespaceRoute(new URL(request.url).pathname)) return root.serve(request, preread);
    try {
      return await namespaces.get(name).one.serve(request, preread);
    } catch (e) {
      if (e instanceof ApiError) return e.toResponse(`req_${randomBytes(12).toString('hex')}`);
      throw e;
    }
  };
  const emulator: Emulator = {
    ...root.emulator,
    fetch: (request) => serve(request),
    namespace(name) {
      let one: OneEmulator;
      try {
        one = namespaces.get(name).one;
      } catch (e) {
        throw e instanceof ApiError ? new TypeError(e.message) : e;
      }
      return { ...one.emulator, namespace: emulator.namespace };
    },
    async close() {
      await namespaces.close();
      await root.emulator.close();
    },
  };
  return { emulator, serve, prereadLimit: root.prereadLimit, exposure: root.exposure };
}

/**
 * Creates the emulator's state and its `fetch(Request) → Response` handler, without a server.
 *
 * @example
 * const emulator = createEmulator({ apiKey: 'sk-aig-test' });
 * const res = await emulator.fetch(new Request('http://local/v1/models', { headers: { authorization: 'Bearer sk-aig-test' } }));
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return assembleEmulator(options).emulator;
}
