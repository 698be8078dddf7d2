import { Hono } from 'hono';
import type { Accounts } from './domains/accounts/accounts.js';
import type { Metering } from './domains/accounts/metering.js';
import type { RateLimiter } from './domains/accounts/rate-limit.js';
import { accountRoutes } from './domains/accounts/routes.js';
import { catalogRoutes } from './domains/catalog/routes.js';
import { consoleRoutes } from './domains/control/console.js';
import type { EmulatorControl } from './domains/control/control.js';
import type { EventHub } from './domains/control/events.js';
import type { Faults } from './domains/control/faults.js';
import type { Scenarios } from './domains/control/scenarios.js';
import type { RequestLog } from './domains/control/requests.js';
import { controlRoutes } from './domains/control/routes.js';
import type { Evals } from './domains/evals/evals.js';
import type { Replays } from './domains/evals/replays.js';
import { evalRoutes } from './domains/evals/routes.js';
import type { Files } from './domains/files/files.js';
import { fileRoutes } from './domains/files/routes.js';
import type { InferenceServices } from './domains/inference/endpoint.js';
import { inferenceRoutes } from './domains/inference/routes.js';
import type { Jobs } from './domains/jobs/jobs.js';
import { jobRoutes } from './domains/jobs/routes.js';
import { type McpOptions, mcpRoutes } from './domains/mcp/routes.js';
import type { McpSessions } from './domains/mcp/sessions.js';
import { recordingMiddleware } from './domains/recording/middleware.js';
import type { Recording } from './domains/recording/recording.js';
import type { AppEnv } from './http/context.js';
import type { IdempotencyStore } from './http/middleware/idempotency-store.js';
import type { Exposure } from './http/exposure.js';
import { cors } from './http/middleware/cors.js';
import { exposureGuard } from './http/middleware/exposure-guard.js';
import { requestContext } from './http/middleware/request-context.js';
import { requestLog } from './http/middleware/request-log.js';
import { errorResponse } from './http/respond.js';
import { mcpChain, v1Chain } from './http/routes.js';
import { unknownPath } from './http/unknown-path.js';
import type { NamespaceControl } from './namespaces.js';
import type { ResolvedOptions } from './options.js';
import type { Clock } from './runtime/clock.js';
import type { Ids } from './util/ids.js';

/** Everything the routes serve: each domain's state, and the control API over all of them. */
export interface AppParts extends InferenceServices {
  options: ResolvedOptions;
  clock: Clock;
  ids: Ids;
  accounts: Accounts;
  rateLimiter: RateLimiter;
  metering: Metering;
  files: Files;
  jobs: Jobs;
  evals: Evals;
  replays: Replays;
  requests: RequestLog;
  faults: Faults;
  scenarios: Scenarios;
  idempotency: IdempotencyStore;
  sessions: McpSessions;
  control: EmulatorControl;
  events: EventHub;
  /** The namespaces (the default namespace's app only). */
  namespaces?: NamespaceControl | undefined;
  exposure: Exposure;
  recording: Recording;
}

/**
 * The emulator as one Hono app: request ids and the request log around everything, then one
 * router per domain. `/v1` operations run the shared chain (auth, body limit, faults,
 * idempotency) as route middleware, so an unknown path is a 404 before any key is checked.
 */
export function createApp(parts: AppParts): Hono<AppEnv> {
  const { options, clock, accounts } = parts;
  const app = new Hono<AppEnv>();
  app.use(
    requestContext(
      () => parts.ids.request(),
      () => parts.exposure.publicOrigin,
      options.onRequest,
    ),
  );
  app.use(requestLog(parts.requests, clock));
  app.use(exposureGuard(parts.exposure));
  app.use(cors);
  // --proxy / --replay answer gateway paths before any domain does.
  if (parts.recording.mode !== 'emulate') app.use(recordingMiddleware(parts.recording, options.maxBodyBytes));

  const v1 = v1Chain({ ...parts, maxBodyBytes: options.maxBodyBytes });
  const mcp: McpOptions = { maxBodyBytes: options.maxBodyBytes, keepaliveMs: options.keepaliveMs };
  app.route('/', inferenceRoutes(parts, v1));
  app.route('/', catalogRoutes(parts.lifecycles, v1));
  app.route('/', jobRoutes(parts.jobs, v1));
  app.route('/', fileRoutes(parts.files, clock, v1));
  app.route('/', accountRoutes(parts, v1));
  app.route('/', evalRoutes(parts, v1));
  app.route('/', controlRoutes(parts.control, accounts, parts.namespaces));
  app.route('/', consoleRoutes({ ...parts, keepaliveMs: options.keepaliveMs }));
  app.route('/', mcpRoutes(parts.sessions, mcp, mcpChain(accounts)));

  app.notFound((c) => unknownPath(c.req.method, new URL(c.req.url).pathname).toResponse(c.var.requestId));
  app.onError((error, c) => errorResponse(error, c.var.requestId, options.onError));
  return app;
}
