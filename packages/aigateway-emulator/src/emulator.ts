import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app.js';
import { isBrowserEntry } from './control/console.js';
import { createControl, type EmulatorControl } from './control/control.js';
import { type Core, createCore } from './core.js';
import { ROOT } from './domains/accounts.js';
import { fileLookup } from './endpoints/shared.js';
import { dropped, type PrereadBody, type RequestState } from './http/context.js';
import { runV1 } from './http/pipeline.js';
import { errorResponse } from './http/respond.js';
import { McpSessions } from './mcp/routes.js';
import { mcpBodyLimit } from './mcp/transport-errors.js';
import { type EmulatorOptions, resolveOptions } from './options.js';

export const VERSION: string = packageJson.version;

/** An emulator without a server: a `fetch` handler plus its state and control. */
export interface Emulator {
  /**
   * Handles one request (any origin; URLs in responses use the request's origin). A server
   * adapter that already read the body passes it as `preread`.
   */
  fetch(request: Request, preread?: PrereadBody): Promise<Response>;
  /** The top-level API key. */
  readonly apiKey: string;
  /** The webhook signing secret (`x-aig-signature`). */
  readonly webhookSecret: string;
  readonly control: EmulatorControl;
  /** Internal state, for tooling built on the emulator. */
  readonly core: Core;
  /** Stops timers, webhook deliveries and MCP sessions, and writes the state file. */
  close(): Promise<void>;
}

/** True when the response should be answered by dropping the connection (`x-aig-fault: drop=…`). */
export function isDropped(response: Response): boolean {
  return dropped.has(response);
}

const isMcp = (path: string) => path === '/mcp' || path.startsWith('/mcp/');

/** MCP and control routes read their own bodies; every other path goes through the `/v1` pipeline. */
export const isOwnArea = (path: string) => isMcp(path) || path.startsWith('/_emulator/');

/**
 * How much of a body a server adapter should read before handing the request over (see
 * `PrereadBody`): MCP messages have their own, smaller limit; control routes read their own.
 */
export function prereadLimit(path: string, maxBodyBytes: number): number | undefined {
  if (isMcp(path)) return mcpBodyLimit(maxBodyBytes);
  return path.startsWith('/_emulator/') ? undefined : maxBodyBytes;
}

/**
 * Creates the emulator's state and its `fetch(Request) → Response` handler, without a server.
 *
 * @example
 * const emulator = createEmulator({ apiKey: 'sk-aig-test' });
 * const res = await emulator.fetch(new Request('http://local/v1/models', { headers: { authorization: 'Bearer sk-aig-test' } }));
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveOptions(options);
  const core = createCore(resolved);
  const control = createControl(core);
  const sessions = new McpSessions({
    fetch: (request) => handle(request),
    lookup: fileLookup(core),
    version: VERSION,
    onError: resolved.onError,
  });
  const app = createApp(control, sessions);

  async function handle(request: Request, preread?: PrereadBody): Promise<Response> {
    const started = Date.now();
    const url = new URL(request.url);
    const state: RequestState = {
      core,
      requestId: core.ids.request(),
      origin: url.origin,
      template: '',
      principal: ROOT,
      key: null,
      rawBody: undefined,
      preread,
      fault: undefined,
      tag: null,
      replayable: undefined,
    };
    let res: Response;
    try {
      res =
        isOwnArea(url.pathname) || isBrowserEntry(request, url.pathname)
          ? await app.fetch(request, state)
          : await runV1(core, request, url, state, async () => app.fetch(request, state), preread);
    } catch (error) {
      res = errorResponse(error, state.requestId, core);
    }
    // Logged like /v1 requests, so the request id an MCP tool error quotes can be looked up.
    if (isMcp(url.pathname)) {
      core.requests.add({
        id: state.requestId,
        method: request.method,
        path: url.pathname,
        status: res.status,
        created_at: core.clock.now(),
        duration_ms: Date.now() - started,
        sub_account_id: state.principal.subAccountId,
        key: state.key,
        tag: state.tag,
        model: null,
        endpoint: null,
        body: null,
      });
    }
    if (!dropped.has(res) && !res.headers.has('x-request-id')) {
      try {
        res.headers.set('x-request-id', state.requestId);
      } catch {
        res = new Response(res.body, res);
        res.headers.set('x-request-id', state.requestId);
      }
    }
    resolved.onRequest?.({
      method: request.method,
      path: url.pathname,
      status: dropped.has(res) ? 0 : res.status,
      durationMs: Date.now() - started,
      requestId: state.requestId,
    });
    return res;
  }

  return {
    fetch: handle,
    apiKey: resolved.apiKey,
    webhookSecret: resolved.webhookSecret,
    control,
    core,
    async close() {
      core.scheduler.close();
      core.webhooks.close();
      core.events.close();
      await sessions.close();
      await core.persistence?.flush();
    },
  };
}
