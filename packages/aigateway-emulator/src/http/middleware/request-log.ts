import { createMiddleware } from 'hono/factory';
import { redactHeaders, redactQuery } from '../../domains/control/redact.js';
import type { RequestLog } from '../../domains/control/requests.js';
import { MAX_REPLAY_BODY_BYTES } from '../../domains/inference/stored-body.js';
import type { Clock } from '../../runtime/clock.js';
import { assertJsonDepth } from '../body.js';
import type { AppEnv } from '../context.js';
import { isDropped } from '../drop.js';

/** Bodies of requests other than inference (which replays re-run, up to `MAX_REPLAY_BODY_BYTES`) are kept up to this size. */
export const MAX_JOURNAL_BODY_BYTES = 64 * 1024;

function jsonBody(raw: Uint8Array | undefined, contentType: string | undefined): unknown {
  if (!raw || raw.length === 0 || raw.length > MAX_JOURNAL_BODY_BYTES) return null;
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType ?? '')) return null;
  try {
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
    // Deeper JSON would overflow the stack of the --state writer (it was refused with a 400).
    assertJsonDepth(text);
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Journals every request (but the control API's and the console's) once it is answered: method,
 * path, query and headers with secrets redacted, the bounded body, who sent it and how it ended.
 * Replays read inference requests back from it, and the request id an error quotes can be looked up.
 */
export const requestLog = (log: RequestLog, clock: Clock) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    const createdAt = clock.now();
    await next();
    if (!c.var.journal) return;
    const replayable = c.var.replayable;
    const raw = c.var.rawBody ?? c.env?.preread?.body;
    const declared = Number(c.req.header('content-length') ?? 0);
    const url = new URL(c.req.url);
    const bodyBytes = raw?.length ?? (Number.isFinite(declared) ? declared : 0);
    log.add({
      id: c.var.requestId,
      method: c.req.method,
      path: url.pathname,
      query: redactQuery(url.search),
      status: isDropped(c.res) ? 0 : c.res.status,
      created_at: createdAt,
      duration_ms: Date.now() - started,
      sub_account_id: c.var.principal.subAccountId,
      key: c.var.key,
      tag: c.var.tag,
      model: replayable?.model ?? null,
      endpoint: c.var.operation?.path ?? null,
      headers: redactHeaders(c.req.raw.headers),
      body:
        replayable && bodyBytes <= MAX_REPLAY_BODY_BYTES
          ? replayable.body
          : jsonBody(raw, c.req.header('content-type')),
      body_bytes: bodyBytes,
      scenario: c.var.scenario,
    });
  });
