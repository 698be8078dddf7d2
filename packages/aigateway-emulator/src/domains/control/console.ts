import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Context, Hono, type Next } from 'hono';
import packageJson from '../../../package.json' with { type: 'json' };
import type { AppEnv } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { json } from '../../http/respond.js';
import { type Clock, monthBounds } from '../../runtime/clock.js';
import type { Accounts } from '../accounts/accounts.js';
import type { Metering } from '../accounts/metering.js';
import type { SpendCaps } from '../accounts/spend-cap.js';
import { subAccountObject } from '../accounts/sub-account.js';
import type { EmulatorEvent, EventHub } from './events.js';

/**
 * The local console (`/_emulator/`, and `/` for a browser) and the MCP inspector page
 * (`/mcp/inspect`): one prebuilt bundle (sources in `console/`, built into `dist/console/`),
 * plus the read models and the live event stream it needs. The page holds no key: the user types
 * it in, and the bundle sends it in `Authorization` headers to this origin only.
 */

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

// Bundled into dist/ the assets sit beside this code; from the sources (tests, tsx) they are in dist/.
const assetDir = [new URL('./console/', import.meta.url), new URL('../../../dist/console/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(`${dir}app.js`));
const cache = new Map<string, Buffer>();

function asset(name: string): Buffer | undefined {
  if (!(name in ASSETS) || !assetDir) return undefined;
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(`${assetDir}${name}`);
    cache.set(name, bytes);
  }
  return bytes;
}

/** Paths served without a key: the page and its assets hold nothing secret. */
export function isConsolePage(path: string): boolean {
  return path === '/_emulator' || path === '/_emulator/' || path.startsWith('/_emulator/console/');
}

/** `GET /` (or `/_emulator`) from a browser, which asks for HTML, opens the console; API clients still get the 404 envelope. */
export function isBrowserEntry(request: Request, path: string): boolean {
  return (
    (path === '/' || path === '/_emulator') &&
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html')
  );
}

// No network but this origin: no CDN, and the key typed in cannot be sent anywhere else.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** The HTML shell of the console (`view: 'console'`) or of the standalone MCP inspector. */
export function consolePage(view: 'console' | 'inspector'): Response {
  const title = view === 'console' ? 'AIgateway emulator console' : 'AIgateway MCP inspector (emulator)';
  const body = assetDir
    ? '<div id="app"><noscript>The console needs JavaScript.</noscript></div>'
    : '<p>The console is not built: run <code>pnpm --filter aigateway-emulator build</code>.</p>';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/_emulator/console/app.css"><script type="module" src="/_emulator/console/app.js"></script>
</head><body data-view="${view}" data-version="${packageJson.version}">${body}</body></html>
`;
  return new Response(html, { headers: PAGE_HEADERS });
}

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * `GET /_emulator/events`: `hello`, then `request` (each stored request, as `/_emulator/requests`
 * lists it), `changed` (anything else changed: jobs, deliveries, usage, sub-accounts; at most one
 * per 100 ms) and `reset`. Read it with fetch: it needs the key in `Authorization`.
 */
function eventStream({ events, clock, keepaliveMs }: ConsoleDeps): Response {
  let stop: () => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let pending: ReturnType<typeof setTimeout> | undefined;
      let keepAlive: ReturnType<typeof setInterval> | undefined;
      const send = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          stop();
        }
      };
      const unsubscribe = events.subscribe({
        event: (e: EmulatorEvent) => {
          if (e.type === 'request') send(sse('request', e.record));
          else if (e.type === 'reset') send(sse('reset', { now: clock.now() }));
          else
            pending ??= setTimeout(() => {
              pending = undefined;
              send(sse('changed', { now: clock.now() }));
            }, 100);
        },
        close: () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed by the client.
          }
        },
      });
      stop = () => {
        unsubscribe();
        clearTimeout(pending);
        clearInterval(keepAlive);
      };
      send(sse('hello', { version: packageJson.version, now: clock.now() }));
      if (keepaliveMs > 0) {
        keepAlive = setInterval(() => send(encoder.encode(': keep-alive\n\n')), keepaliveMs);
        keepAlive.unref?.();
      }
    },
    cancel: () => stop(),
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  });
}

/** What the console reads besides the control API. */
export interface ConsoleDeps {
  events: EventHub;
  clock: Clock;
  metering: Metering;
  caps: SpendCaps;
  accounts: Accounts;
  keepaliveMs: number;
}

/**
 * The console's routes. Mount after the control API's key check: the page and its assets are
 * public (`isConsolePage`), the rest needs the top-level key like every `/_emulator/*` route.
 */
export function consoleRoutes(deps: ConsoleDeps): Hono<AppEnv> {
  const { clock, metering, accounts } = deps;
  const app = new Hono<AppEnv>();
  // A browser opening `/` or `/_emulator` gets the console; anyone else, the 404 that says what to do.
  const browserEntry = async (c: Context<AppEnv>, next: Next) => {
    if (!isBrowserEntry(c.req.raw, c.req.path)) return next();
    c.set('journal', false);
    return c.redirect('/_emulator/', 302);
  };
  app.get('/', browserEntry);
  app.get('/_emulator', browserEntry);
  app.get('/_emulator/', () => consolePage('console'));
  app.get('/_emulator/console/:name', (c) => {
    const name = c.req.param('name');
    const bytes = asset(name);
    if (!bytes)
      throw new ApiError(
        404,
        'not_found',
        assetDir
          ? `No console asset ${name}; the console is at /_emulator/.`
          : 'The console is not built: run pnpm --filter aigateway-emulator build.',
      );
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': ASSETS[name]!,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  app.get('/_emulator/events', () => eventStream(deps));
  // This month's usage per sub-account and tag (the console charts it without adding to the journal).
  app.get('/_emulator/usage', () => {
    const { month } = monthBounds(clock.now());
    return json({ object: 'list', month, data: metering.usage(month, null) });
  });
  app.get('/_emulator/sub-accounts', () =>
    json({ object: 'list', data: accounts.list().map((r) => subAccountObject(r, deps)) }),
  );
  return app;
}
