import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redactor } from './redact.js';

/** One recorded interaction, one JSON file. Bodies are exactly one of `json`, `text`, `events`, `base64`. */
export interface Cassette {
  aig_cassette: 1;
  recorded_at: string;
  /** The `--proxy` root it was recorded from; URLs on it are rewritten to the serving emulator. */
  upstream: string;
  match: MatchKey & { occurrence: number };
  request: { headers: Record<string, string>; body?: RecordedBody };
  response: { status: number; headers: Record<string, string>; body?: RecordedBody };
  duration_ms: number;
  /** Contract violations found in the upstream response when it was recorded. */
  violations: string[];
}

/** A body as stored: JSON inline (readable), text, SSE events one per entry, or base64 bytes. */
export type RecordedBody = { json: unknown } | { text: string } | { events: string[] } | { base64: string };

/**
 * What a request must agree on to be answered by a cassette: method, path, query (sorted), a hash
 * of the canonical body (JSON with sorted keys, multipart with its boundary neutralised, secrets
 * stripped) and the headers that change the answer (`x-aig-tag`; which `x-byok-*` are present,
 * never their values). `Authorization`, `Idempotency-Key` and retry counters do not take part.
 */
export interface MatchKey {
  method: string;
  path: string;
  query: string;
  body_sha256: string | null;
  headers: Record<string, string>;
}

const MATCH_HEADERS = ['x-aig-tag'];
const BYOK = /^x-byok-/;

/** The canonical bytes of a body for matching. */
function canonicalBody(bytes: Uint8Array, contentType: string, redact: Redactor): string {
  const text = Buffer.from(bytes).toString('utf8');
  if (contentType.startsWith('application/json')) {
    try {
      return JSON.stringify(sortKeys(redact.json(JSON.parse(text))));
    } catch {
      return redact.text(text);
    }
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary) return redact.text(text.split(boundary).join('BOUNDARY'));
  return Buffer.from(bytes).toString('latin1');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

export function matchKey(request: Request, body: Uint8Array | undefined, redact: Redactor): MatchKey {
  const url = new URL(request.url);
  const params = [...url.searchParams].sort(([a, b], [c, d]) => a.localeCompare(c) || b.localeCompare(d));
  const headers: Record<string, string> = {};
  for (const name of MATCH_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  for (const [name] of request.headers) if (BYOK.test(name)) headers[name] = 'present';
  const contentType = request.headers.get('content-type') ?? '';
  return {
    method: request.method,
    path: url.pathname,
    query: new URLSearchParams(params).toString(),
    body_sha256:
      body && body.byteLength > 0
        ? createHash('sha256')
            .update(canonicalBody(body, contentType, redact))
            .digest('hex')
        : null,
    headers,
  };
}

/** The key as one string, for lookups. */
export const keyId = (key: MatchKey): string =>
  JSON.stringify([key.method, key.path, key.query, key.body_sha256, sortKeys(key.headers)]);

/**
 * A stable, readable file name: `post-v1-chat-completions-3f2a9c1d7e4b` from the method, the path
 * and a hash of the whole key; the second and later answers to the same key end in `.2`, `.3`…
 */
export function cassetteName(key: MatchKey, occurrence: number): string {
  const slug = `${key.method}-${key.path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  const hash = createHash('sha256').update(keyId(key)).digest('hex').slice(0, 12);
  return `${slug}-${hash}${occurrence > 1 ? `.${occurrence}` : ''}`;
}

/**
 * Writes a cassette all at once: a temporary file in the same directory, renamed over the final
 * name, so a reader (or a crash) never sees half of one.
 */
export async function writeCassette(dir: string, name: string, serialized: string): Promise<void> {
  const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, serialized, { mode: 0o600 });
    await rename(tmp, join(dir, `${name}.json`));
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
}

/** Every cassette in `dir`, grouped by key, each group in occurrence order. Throws naming a bad file. */
export function loadCassettes(dir: string): Map<string, Cassette[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    throw new TypeError(
      `The replay directory '${dir}' cannot be read: record into it first with --proxy <upstream base URL> --record ${dir}.`,
    );
  }
  const groups = new Map<string, Cassette[]>();
  for (const name of names.sort()) {
    let cassette: Cassette;
    try {
      cassette = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Cassette;
    } catch (error) {
      throw new TypeError(
        `${join(dir, name)} is not valid JSON (${(error as Error).message}): fix or delete it, or record it again.`,
      );
    }
    if (cassette?.aig_cassette !== 1 || typeof cassette.match?.path !== 'string') {
      throw new TypeError(
        `${join(dir, name)} is not an emulator cassette (no "aig_cassette": 1): move it out of the replay directory.`,
      );
    }
    const id = keyId(cassette.match);
    const group = groups.get(id) ?? [];
    group.push(cassette);
    groups.set(id, group);
  }
  for (const group of groups.values()) group.sort((a, b) => a.match.occurrence - b.match.occurrence);
  return groups;
}
