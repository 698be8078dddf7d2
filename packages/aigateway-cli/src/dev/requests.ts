// `aig dev requests`: the request journal of a running emulator (`GET /_emulator/requests`), filtered. When
// nothing matches, the nearest requests and what each had instead (`/_emulator/requests/near-misses`).
import type { RequestRecord } from 'aigateway-emulator';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

/** Where `aig dev` listens by default, and the key it prints. */
const DEV_BASE_URL = 'http://127.0.0.1:4010/v1';
const DEV_API_KEY = 'sk-aig-emulator-dev';

export interface DevRequestsOptions {
  filter?: string[];
  limit?: string;
  /** The emulator namespace to read (`x-aig-emulator-namespace`). */
  namespace?: string;
}

interface NearMiss {
  request: RequestRecord;
  matched: number;
  mismatches: { filter: string; expected: string; actual: string | null }[];
}

/** `name=value` filters as the control API's query; a malformed one is a usage error naming it. */
export function filterQuery(filters: readonly string[], limit: string | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const f of filters) {
    const eq = f.indexOf('=');
    if (eq <= 0)
      throw usageError(
        `--filter '${f}' must be name=value (model=anthropic/*, status=4xx, header[x-aig-tag]=support).`,
      );
    query.append(f.slice(0, eq).trim(), f.slice(eq + 1));
  }
  if (limit !== undefined) {
    if (!/^[1-9][0-9]*$/.test(limit))
      throw usageError(`--limit must be a positive integer (got '${limit}').`);
    query.set('limit', limit);
  }
  return query;
}

/**
 * The emulator to ask: --base-url / AIGATEWAY_BASE_URL when set, else `aig dev`'s address. Its key: the
 * configured one only for a configured URL (a hosted key never goes to a local port), else the dev key.
 */
async function target(rt: Runtime): Promise<{ origin: string; key: string }> {
  const settings = await rt.settings();
  const configured = settings.baseURLSource !== 'default';
  const base = configured ? settings.baseURL : DEV_BASE_URL;
  const key = (configured || settings.keySource === 'flag' ? settings.apiKey : undefined) ?? DEV_API_KEY;
  rt.out.redact(key);
  return { origin: new URL(base).origin, key };
}

async function get<T>(
  rt: Runtime,
  origin: string,
  key: string,
  path: string,
  namespace?: string,
): Promise<T> {
  const fetch = await rt.fetch();
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (namespace !== undefined) headers['x-aig-emulator-namespace'] = namespace;
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, { headers, signal: rt.signal });
  } catch (e) {
    throw new CliError(
      `No emulator answers at ${origin}: start one with 'aig dev', or point --base-url at the one you run.`,
      { code: 'connection_error', exitCode: ExitCode.Provider, cause: e },
    );
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (res.ok) return body;
  const message = body.error?.message ?? `HTTP ${res.status}`;
  if (res.status === 400) throw usageError(`${message} Run 'aig dev requests --help' for the options.`);
  if (res.status === 401 || res.status === 403)
    throw new CliError(
      `The emulator at ${origin} refused the key (${res.status}): pass the top-level key it printed with --key.`,
      { code: 'authentication_error', exitCode: ExitCode.Auth, status: res.status },
    );
  if (res.status === 404)
    throw new CliError(`${origin} has no request journal: is it an AIgateway emulator (aig dev)?`, {
      code: 'not_found',
      exitCode: ExitCode.NotFound,
      status: 404,
    });
  throw new CliError(`The emulator answered ${res.status}: ${message}`, {
    code: 'emulator_error',
    exitCode: ExitCode.Unexpected,
    status: res.status,
  });
}

const clock = (unix: number) => new Date(unix * 1000).toISOString().slice(11, 19);

/** Lists the journal (oldest first), or with `--json` the control API's list object. */
export async function runDevRequests(rt: Runtime, options: DevRequestsOptions): Promise<void> {
  const query = filterQuery(options.filter ?? [], options.limit);
  const { origin, key } = await target(rt);
  const list = await get<{ object: 'list'; data: RequestRecord[] }>(
    rt,
    origin,
    key,
    `/_emulator/requests?${query}`,
    options.namespace,
  );
  if (rt.out.json) {
    rt.out.result(list);
    return;
  }
  if (list.data.length > 0) {
    rt.out.table(
      [
        { header: 'TIME', value: (r) => clock(r.created_at) },
        { header: 'METHOD', value: (r) => r.method },
        { header: 'PATH', value: (r) => r.path },
        { header: 'STATUS', value: (r) => String(r.status || 'dropped') },
        { header: 'MODEL', value: (r) => r.model ?? '' },
        { header: 'TAG', value: (r) => r.tag ?? '' },
        { header: 'KEY', value: (r) => (r.key === 'sub_account' ? (r.sub_account_id ?? '') : (r.key ?? '')) },
        { header: 'REQUEST ID', value: (r) => r.id },
      ],
      list.data,
    );
    return;
  }
  const filtered = [...query.keys()].some((k) => k !== 'limit');
  if (!filtered) {
    rt.out.info(`The journal at ${origin} is empty: no request has reached the emulator yet.`);
    return;
  }
  query.delete('limit');
  const near = await get<{ data: NearMiss[] }>(
    rt,
    origin,
    key,
    `/_emulator/requests/near-misses?${query}`,
    options.namespace,
  );
  rt.out.info(`No request matches ${(options.filter ?? []).join(', ')}.`);
  if (near.data.length > 0) rt.out.info('Nearest requests:');
  for (const n of near.data) {
    const r = n.request;
    rt.out.info(`  ${r.method} ${r.path} → ${r.status} (${r.id}):`);
    for (const m of n.mismatches)
      rt.out.info(`    ${m.filter}: expected ${m.expected}, got ${m.actual ?? '(none)'}`);
  }
}
