import type { components } from '../../generated/control.js';
import { endpointByPath } from '../inference/endpoints/registry.js';
import { REDACTED } from './redact.js';
import type { RequestRecord } from './requests.js';
import { glob, promptOf, textPattern } from './text-match.js';

export type NearMiss = components['schemas']['NearMiss'];

/**
 * Which journaled requests to find: every field given must match. The same filters as the query
 * of `GET /_emulator/requests` (`subAccount` is `sub_account`, `headers` is `header[name]`).
 */
export interface RequestFilter {
  /** HTTP method, any case. */
  method?: string;
  /** The request path; `*` matches any characters (`/v1/jobs/*`). */
  path?: string;
  /** The contract path of the operation (`/v1/jobs/{id}`), or an inference modality (`chat`, `image`…). */
  endpoint?: string;
  /** The requested model; `*` matches any characters (`anthropic/*`). */
  model?: string;
  /** The request's cost tag. */
  tag?: string;
  /** The kind of key that authenticated it; `none` for none. */
  key?: 'top_level' | 'sub_account' | 'none';
  /** The sub-account whose key made the request (`sub_…`). */
  subAccount?: string;
  /** The response status (`201`) or class (`'4xx'`). */
  status?: number | string;
  /** At or after this emulator time (Unix seconds). */
  since?: number;
  /** At or before this emulator time (Unix seconds). */
  until?: number;
  /** Text the prompt contains, `/pattern/flags`, or a RegExp. */
  prompt?: string | RegExp;
  /** The id or name of the scenario rule that answered it. */
  scenario?: string;
  /** Request headers (names any case); `*` for any value. Redacted headers only match `*`. */
  headers?: Record<string, string>;
}

/** One filter as a test on a record, and what the record had instead (for near misses). */
interface Criterion {
  filter: string;
  expected: string;
  actual(r: RequestRecord): string | null;
  test(r: RequestRecord): boolean;
}

/** A parsed filter. */
export type Criteria = Criterion[];

const FILTERS =
  'method, path, endpoint, model, tag, key, sub_account, status, since, until, prompt, scenario, header[<name>] or limit';

const field = (
  filter: string,
  expected: string,
  actual: (r: RequestRecord) => string | null,
  test: (value: string | null) => boolean,
): Criterion => ({ filter, expected, actual, test: (r) => test(actual(r)) });

/** Turns a filter into criteria; a TypeError says which filter is wrong and what to send. */
export function criteria(
  f: RequestFilter,
  scenarioName: (id: string) => string | null = () => null,
): Criteria {
  const out: Criterion[] = [];
  if (f.method !== undefined) {
    const m = f.method.toUpperCase();
    out.push(
      field(
        'method',
        m,
        (r) => r.method,
        (v) => v === m,
      ),
    );
  }
  if (f.path !== undefined) {
    const re = glob(f.path);
    out.push(
      field(
        'path',
        f.path,
        (r) => r.path,
        (v) => v !== null && re.test(v),
      ),
    );
  }
  if (f.endpoint !== undefined) {
    const e = f.endpoint;
    out.push(
      field(
        'endpoint',
        e,
        (r) => r.endpoint,
        (v) => v !== null && (v === e || endpointByPath.get(v)?.modality === e),
      ),
    );
  }
  if (f.model !== undefined) {
    const re = glob(f.model);
    out.push(
      field(
        'model',
        f.model,
        (r) => r.model,
        (v) => v !== null && re.test(v),
      ),
    );
  }
  if (f.tag !== undefined) {
    const t = f.tag;
    out.push(
      field(
        'tag',
        t,
        (r) => r.tag,
        (v) => v === t,
      ),
    );
  }
  if (f.key !== undefined) {
    if (!['top_level', 'sub_account', 'none'].includes(f.key))
      throw new TypeError(`key must be top_level, sub_account or none (got '${f.key}').`);
    const k = f.key;
    out.push(
      field(
        'key',
        k,
        (r) => r.key ?? 'none',
        (v) => v === k,
      ),
    );
  }
  if (f.subAccount !== undefined) {
    const s = f.subAccount;
    out.push(
      field(
        'sub_account',
        s,
        (r) => r.sub_account_id,
        (v) => v === s,
      ),
    );
  }
  if (f.status !== undefined) {
    const s = String(f.status).toLowerCase();
    if (!/^[1-5]([0-9]{2}|xx)$/.test(s))
      throw new TypeError(`status must be a status code (201) or a class (4xx) (got '${f.status}').`);
    const test = s.endsWith('xx') ? (v: string) => v[0] === s[0] : (v: string) => v === s;
    out.push(
      field(
        'status',
        s,
        (r) => String(r.status),
        (v) => v !== null && test(v),
      ),
    );
  }
  for (const [name, bound] of [
    ['since', f.since],
    ['until', f.until],
  ] as const) {
    if (bound === undefined) continue;
    if (typeof bound !== 'number' || !Number.isFinite(bound))
      throw new TypeError(`${name} must be emulator time in Unix seconds (got '${String(bound)}').`);
    const test = name === 'since' ? (t: number) => t >= bound : (t: number) => t <= bound;
    out.push({
      filter: name,
      expected: `${name === 'since' ? '>=' : '<='} ${bound}`,
      actual: (r) => String(r.created_at),
      test: (r) => test(r.created_at),
    });
  }
  if (f.prompt !== undefined) {
    const test = textPattern(f.prompt, 'prompt');
    out.push(
      field(
        'prompt',
        String(f.prompt),
        (r) => promptOf(r.body) ?? null,
        (v) => v !== null && test(v),
      ),
    );
  }
  if (f.scenario !== undefined) {
    const s = f.scenario;
    out.push(
      field(
        'scenario',
        s,
        (r) => r.scenario,
        (v) => v !== null && (v === s || scenarioName(v) === s),
      ),
    );
  }
  for (const [rawName, expected] of Object.entries(f.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (typeof expected !== 'string')
      throw new TypeError(`header[${name}] must be a string ('*' for any value).`);
    const re = glob(expected);
    out.push(
      field(
        `header[${name}]`,
        expected,
        (r) => r.headers[name] ?? null,
        (v) => v !== null && (expected === '*' || (v !== REDACTED && re.test(v))),
      ),
    );
  }
  return out;
}

export const matchesAll = (c: Criteria, r: RequestRecord) => c.every((x) => x.test(r));

/** The records closest to matching (most criteria met, newest first), each with what it missed. */
export function nearMisses(c: Criteria, records: RequestRecord[], limit = 3): NearMiss[] {
  if (c.length === 0 || records.some((r) => matchesAll(c, r))) return [];
  return records
    .map((request, i) => {
      const failed = c.filter((x) => !x.test(request));
      return { i, request, failed };
    })
    .sort((a, b) => a.failed.length - b.failed.length || b.i - a.i)
    .slice(0, limit)
    .map(({ request, failed }) => ({
      request,
      matched: c.length - failed.length,
      mismatches: failed.map((x) => ({ filter: x.filter, expected: x.expected, actual: x.actual(request) })),
    }));
}

const number = (name: string, value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new TypeError(`${name} must be emulator time in Unix seconds (got '${value}').`);
  return n;
};

/** The filters and `limit` of a control API query string; a TypeError names the bad one. */
export function filterFromQuery(query: URLSearchParams): { filter: RequestFilter; limit?: number } {
  const filter: RequestFilter = {};
  let limit: number | undefined;
  for (const [name, value] of query) {
    const header = /^header\[([^\]]+)\]$/.exec(name);
    if (header) {
      filter.headers = { ...filter.headers, [header[1]!.toLowerCase()]: value };
      continue;
    }
    switch (name) {
      case 'method':
      case 'path':
      case 'endpoint':
      case 'model':
      case 'tag':
      case 'status':
      case 'prompt':
      case 'scenario':
        filter[name] = value;
        break;
      case 'key':
        filter.key = value as RequestFilter['key'];
        break;
      case 'sub_account':
        filter.subAccount = value;
        break;
      case 'since':
      case 'until':
        filter[name] = number(name, value);
        break;
      case 'limit': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1)
          throw new TypeError(`limit must be a positive integer (got '${value}').`);
        limit = n;
        break;
      }
      default:
        throw new TypeError(`Unknown journal filter '${name}': use ${FILTERS}.`);
    }
  }
  return { filter, limit };
}
