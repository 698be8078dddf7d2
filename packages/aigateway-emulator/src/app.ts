import { Hono } from 'hono';
import { consoleRoutes } from './control/console.js';
import type { EmulatorControl } from './control/control.js';
import type { AppEnv } from './http/context.js';
import { unknownPath } from './http/unknown-path.js';
import { errorResponse } from './http/respond.js';
import type { McpSessions } from './mcp/routes.js';
import { mcpRoutes } from './mcp/routes.js';
import { catalogRoutes } from './routes/catalog.js';
import { controlRoutes } from './routes/control.js';
import { evalRoutes } from './routes/evals.js';
import { fileRoutes } from './routes/files.js';
import { inferenceRoutes } from './routes/inference.js';
import { jobRoutes } from './routes/jobs.js';
import { replayRoutes } from './routes/replays.js';
import { subAccountRoutes } from './routes/sub-accounts.js';
import { usageRoutes } from './routes/usage.js';

/** The routes; the shared request path (auth, idempotency, faults…) runs before them, in `emulator.ts`. */
export function createApp(control: EmulatorControl, sessions: McpSessions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  inferenceRoutes(app);
  catalogRoutes(app);
  jobRoutes(app);
  fileRoutes(app);
  subAccountRoutes(app);
  evalRoutes(app);
  replayRoutes(app);
  usageRoutes(app);
  controlRoutes(app, control);
  consoleRoutes(app);
  mcpRoutes(app, sessions);
  app.notFound((c) => unknownPath(c.req.method, c.req.path).toResponse(c.env.requestId));
  app.onError((error, c) => errorResponse(error, c.env.requestId, c.env.core));
  return app;
}
