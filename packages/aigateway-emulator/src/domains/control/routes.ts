import { type Context, Hono } from 'hono';
import { parseJson, readBody, tooLarge } from '../../http/body.js';
import type { AppEnv } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { json } from '../../http/respond.js';
import type { NamespaceControl } from '../../namespaces.js';
import type { Accounts } from '../accounts/accounts.js';
import { isConsolePage } from './console.js';
import { type EmulatorControl, MAX_ADVANCE_SECONDS } from './control.js';
import type { FaultRuleInput } from './faults.js';
import { filterFromQuery, type RequestFilter } from './journal-filter.js';
import { ScenarioValidationError } from './scenario-schema.js';

const list = (data: unknown[]) => json({ object: 'list', data });

/** A journal query's filters; a bad one is a 400 that names it and says what to send. */
function journalQuery(url: string): { filter: RequestFilter; limit?: number } {
  try {
    return filterFromQuery(new URL(url).searchParams);
  } catch (e) {
    if (e instanceof TypeError) throw new ApiError(400, 'invalid_value', e.message);
    throw e;
  }
}

/** Runs a journal call, turning a filter the journal rejects (a bad pattern) into a 400. */
function filtered<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof TypeError) throw new ApiError(400, 'invalid_value', e.message);
    throw e;
  }
}

/** The control API's body limit: its bodies are fault rules and clock moves, never uploads. */
export const CONTROL_MAX_BODY_BYTES = 1024 * 1024;

/** A control request's JSON body, within `CONTROL_MAX_BODY_BYTES` (413 past it). */
async function controlBody(c: Context<AppEnv>): Promise<unknown> {
  const preread = c.env?.preread;
  if (preread?.bodyTooLarge)
    throw tooLarge(preread.bodyTooLarge === true ? undefined : preread.bodyTooLarge, CONTROL_MAX_BODY_BYTES);
  return parseJson(preread?.body ?? (await readBody(c.req.raw, CONTROL_MAX_BODY_BYTES)));
}

/** `/_emulator/*`: the control API over HTTP (top-level key only; not part of the public contract). */
export function controlRoutes(
  control: EmulatorControl,
  accounts: Accounts,
  namespaces?: NamespaceControl,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Looking at the emulator adds nothing to its request log.
  app.use('/_emulator/*', async (c, next) => {
    c.set('journal', false);
    await next();
  });
  app.get('/_emulator/health', () => json({ ok: true }));
  app.use('/_emulator/*', async (c, next) => {
    if (c.req.path === '/_emulator/health' || isConsolePage(c.req.path)) return next();
    const principal = accounts.authenticate(c.req.header('authorization'));
    if (principal.subAccountId !== null) {
      throw new ApiError(
        403,
        'forbidden',
        'The emulator control API needs the top-level key, not a sub-account key.',
      );
    }
    await next();
  });

  app.post('/_emulator/faults', async (c) => {
    const body = (await controlBody(c)) as FaultRuleInput | { rules: FaultRuleInput[] };
    const rules =
      typeof body === 'object' && body !== null && 'rules' in body && Array.isArray(body.rules)
        ? body.rules
        : [body as FaultRuleInput];
    return json({ object: 'list', data: rules.map((r) => control.addFault(r)) }, 201);
  });
  app.get('/_emulator/faults', () => list(control.faults()));
  app.delete('/_emulator/faults', () => {
    control.clearFaults();
    return json({ object: 'list', data: [] });
  });

  app.get('/_emulator/scenarios', () => list(control.scenarios()));
  app.post('/_emulator/scenarios', async (c) => {
    const body = await controlBody(c);
    try {
      return json({ object: 'list', data: control.addScenarios(body as never) }, 201);
    } catch (e) {
      if (e instanceof ScenarioValidationError) throw new ApiError(400, 'invalid_value', e.message);
      throw e;
    }
  });
  app.delete('/_emulator/scenarios', () => list(control.resetScenarios()));
  app.delete('/_emulator/scenarios/:id', (c) => {
    const id = c.req.param('id');
    if (!control.removeScenario(id))
      throw new ApiError(
        404,
        'not_found',
        `No scenario rule '${id}': GET /_emulator/scenarios lists the rules and their ids (scn_…).`,
      );
    return json({ ok: true });
  });

  if (namespaces) {
    app.get('/_emulator/namespaces', () => list(namespaces.list()));
    app.delete('/_emulator/namespaces/:name', async (c) => {
      const name = c.req.param('name');
      if (!(await namespaces.delete(name)))
        throw new ApiError(
          404,
          'not_found',
          `No namespace '${name}': GET /_emulator/namespaces lists the ones requests have named.`,
        );
      return json({ ok: true });
    });
  }

  app.get('/_emulator/clock', () => json(control.state().clock));
  app.post('/_emulator/clock/advance', async (c) => {
    const body = (await controlBody(c)) as { seconds?: unknown } | null;
    const seconds = body?.seconds;
    if (
      typeof seconds !== 'number' ||
      !Number.isFinite(seconds) ||
      seconds < 0 ||
      seconds > MAX_ADVANCE_SECONDS
    ) {
      throw new ApiError(
        400,
        'invalid_value',
        `Send {"seconds": <number from 0 to ${MAX_ADVANCE_SECONDS}>} (at most ten years) to advance the emulator clock.`,
        { param: 'seconds' },
      );
    }
    await control.advance(seconds);
    return json(control.state().clock);
  });

  app.post('/_emulator/models/lifecycle', async (c) => {
    const raw = await controlBody(c);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new ApiError(
        400,
        'invalid_value',
        'Send a JSON object like {"model": "<slug>", "deprecated_at": <Unix seconds or ISO 8601>}.',
      );
    const body = raw as Record<string, unknown>;
    const text = (name: string, required: boolean): string | null => {
      const value = body[name];
      if (typeof value === 'string' && value !== '') return value;
      if (!required && (value === undefined || value === null)) return null;
      throw new ApiError(400, 'invalid_value', `${name} must be a model slug from GET /v1/models.`, {
        param: name,
      });
    };
    const time = (name: string): number | string | null => {
      const value = body[name];
      if (value === undefined || value === null || typeof value === 'number' || typeof value === 'string')
        return value ?? null;
      throw new ApiError(
        400,
        'invalid_value',
        `${name} must be Unix seconds, an ISO 8601 date-time or null.`,
        {
          param: name,
        },
      );
    };
    if (!('deprecated_at' in body)) {
      throw new ApiError(
        400,
        'missing_field',
        'Send {"model", "deprecated_at", "sunset_at"?, "successor"?}; deprecated_at null makes the model current again.',
        { param: 'deprecated_at' },
      );
    }
    return json(
      control.setModelLifecycle({
        model: text('model', true)!,
        deprecatedAt: time('deprecated_at'),
        sunsetAt: time('sunset_at'),
        successor: text('successor', false),
      }),
    );
  });

  app.get('/_emulator/deliveries', () => list(control.deliveries()));
  const journal = control.journal;
  app.get('/_emulator/requests', (c) => {
    const { filter, limit } = journalQuery(c.req.url);
    const found = filtered(() => journal.find(filter));
    return list(limit === undefined ? found : found.slice(-limit));
  });
  app.get('/_emulator/requests/count', (c) => {
    const { filter, limit } = journalQuery(c.req.url);
    if (limit !== undefined)
      throw new ApiError(400, 'invalid_value', 'limit does not apply to a count: leave it out.', {
        param: 'limit',
      });
    return json({ count: filtered(() => journal.count(filter)) });
  });
  app.get('/_emulator/requests/near-misses', (c) => {
    const { filter, limit } = journalQuery(c.req.url);
    return list(filtered(() => journal.nearMisses(filter, limit)));
  });
  app.get('/_emulator/requests/:id', (c) => {
    const id = c.req.param('id');
    const record = journal.get(id);
    if (!record)
      throw new ApiError(
        404,
        'not_found',
        `No journaled request '${id}': use the X-Request-Id of a request this emulator answered since its journal was last cleared.`,
      );
    return json(record);
  });
  app.delete('/_emulator/requests', () => {
    journal.clear();
    return json({ object: 'list', data: [] });
  });
  app.get('/_emulator/jobs', () => list(control.jobs()));
  app.get('/_emulator/charges', () => list(control.charges()));
  app.get('/_emulator/state', () => json(control.state()));
  app.get('/_emulator/recording', () => json(control.recording()));
  app.post('/_emulator/reset', () => {
    control.reset();
    return json({ ok: true });
  });
  return app;
}
