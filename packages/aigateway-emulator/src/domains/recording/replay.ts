import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { ApiError } from '../../http/errors.js';
import { bytesBody } from '../../http/respond.js';
import { decodeBody } from './bodies.js';
import { cassetteName, matchKey } from './cassette.js';
import { copyHeaders } from './proxy.js';
import type { Recording } from './recording.js';

/** Names the cassette that answered (or `miss`), so a test can tell a replay from an emulated answer. */
export const CASSETTE_HEADER = 'x-aig-cassette';

/**
 * Answers from the cassette recorded for this request (method, path, query, canonical body,
 * `x-aig-tag`, which BYOK headers are present), exactly as recorded but for URLs on the upstream,
 * which point at this emulator. On a miss: `undefined` (emulate it), or with `onMiss: 'error'`
 * a 500 that names the request and the directory.
 */
export function replay(
  c: Context<AppEnv>,
  rec: Recording,
  body: Uint8Array | undefined,
): Response | undefined {
  const key = matchKey(c.req.raw, body, rec.redact);
  const cassette = rec.lookup(key);
  if (!cassette) {
    if (rec.replay?.onMiss !== 'error') return undefined;
    const dir = rec.replay.dir;
    throw new ApiError(
      500,
      'internal_error',
      `No cassette in ${dir} matches ${key.method} ${key.path}${key.query ? `?${key.query}` : ''} ` +
        `(it would be ${cassetteName(key, 1)}.json): record it with --proxy <upstream base URL> --record ${dir}, ` +
        'or drop --replay-strict to emulate requests without one.',
      {},
      { [CASSETTE_HEADER]: 'miss' },
    );
  }
  const { response, upstream } = cassette;
  const headers = copyHeaders(response.headers);
  headers.set(CASSETTE_HEADER, cassetteName(cassette.match, cassette.match.occurrence));
  const bytes = decodeBody(response.body, (text) => text.split(upstream).join(c.var.origin));
  const empty = response.status === 204 || response.status === 304 || bytes.byteLength === 0;
  return new Response(empty ? null : bytesBody(bytes), { status: response.status, headers });
}
