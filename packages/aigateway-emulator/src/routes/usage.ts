import type { Hono } from 'hono';
import { monthBounds } from '../domains/clock.js';
import type { AppEnv } from '../http/context.js';
import { ApiError } from '../http/errors.js';
import { json } from '../http/respond.js';
import { roundCents } from '../util/text.js';

export function usageRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/usage/by-tag', (c) => {
    const { core, principal } = c.env;
    const month = c.req.query('month') ?? monthBounds(core.clock.now()).month;
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw new ApiError(
        400,
        'invalid_value',
        `month must be YYYY-MM (e.g. ${monthBounds(core.clock.now()).month}).`,
        { param: 'month' },
      );
    }
    const rows = new Map<
      string | null,
      {
        tag: string | null;
        requests: number;
        cost_cents: number;
        input_tokens: number;
        output_tokens: number;
        byok_requests: number;
      }
    >();
    for (const b of core.metering.usage(month, principal.subAccountId)) {
      const row = rows.get(b.tag) ?? {
        tag: b.tag,
        requests: 0,
        cost_cents: 0,
        input_tokens: 0,
        output_tokens: 0,
        byok_requests: 0,
      };
      row.requests += b.requests;
      row.cost_cents = roundCents(row.cost_cents + b.cost_cents);
      row.input_tokens += b.input_tokens;
      row.output_tokens += b.output_tokens;
      row.byok_requests += b.byok_requests;
      rows.set(b.tag, row);
    }
    const data = [...rows.values()].sort(
      (a, b) => b.cost_cents - a.cost_cents || String(a.tag).localeCompare(String(b.tag)),
    );
    return json({
      object: 'usage.by_tag',
      month,
      total_cents: roundCents(data.reduce((s, r) => s + r.cost_cents, 0)),
      total_requests: data.reduce((s, r) => s + r.requests, 0),
      data,
    });
  });
}
