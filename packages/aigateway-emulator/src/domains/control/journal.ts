import {
  type Criteria,
  criteria,
  matchesAll,
  type NearMiss,
  nearMisses,
  type RequestFilter,
} from './journal-filter.js';
import type { RequestLog, RequestRecord } from './requests.js';

export type { NearMiss, RequestFilter } from './journal-filter.js';

/** Options of `requests.expect()`. */
export interface ExpectRequestOptions {
  /** Exactly this many requests must match. Default: at least one. */
  count?: number;
}

/**
 * Thrown by `requests.expect()` when the journal does not hold what was expected; the message
 * lists the nearest non-matching requests and what each had instead (WireMock's near-miss report).
 */
export class RequestExpectationError extends Error {
  constructor(
    message: string,
    /** The requests that matched (fewer or more than expected). */
    readonly matched: RequestRecord[],
    /** The closest requests that did not match, closest first. */
    readonly nearMisses: NearMiss[],
  ) {
    super(message);
    this.name = 'RequestExpectationError';
  }
}

/**
 * The request journal of a running emulator, for tests: every request it answered (headers
 * redacted, bodies bounded), oldest first. Filters are the control API's (`GET /_emulator/requests`).
 *
 * @example
 * await app.summarize('refund please');
 * const [call] = gw.requests.expect({ endpoint: 'chat', model: 'anthropic/*', headers: { 'x-aig-tag': 'summarize' } });
 * expect(call.body).toMatchObject({ stream: true });
 */
export interface RequestJournal {
  /** The requests that match every filter given, oldest first. */
  find(filter?: RequestFilter): RequestRecord[];
  /** How many requests match. */
  count(filter?: RequestFilter): number;
  /** The request with this `X-Request-Id`, if the journal still holds it. */
  get(id: string): RequestRecord | undefined;
  /** The requests closest to matching (at most `limit`, default 3); empty when one matches. */
  nearMisses(filter: RequestFilter, limit?: number): NearMiss[];
  /**
   * Returns the matching requests, or throws a `RequestExpectationError` that lists the nearest
   * non-matching ones when none (or not `count`) match.
   */
  expect(filter: RequestFilter, options?: ExpectRequestOptions): RequestRecord[];
  /** Forgets every journaled request (and so what replays can read), nothing else. */
  clear(): void;
}

const describeFilter = (f: RequestFilter) =>
  JSON.stringify(f, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));

function report(
  c: Criteria,
  f: RequestFilter,
  matched: RequestRecord[],
  all: RequestRecord[],
  count?: number,
) {
  const wanted = count === undefined ? 'at least 1 request' : `${count} request${count === 1 ? '' : 's'}`;
  const lines = [
    `Expected ${wanted} matching ${describeFilter(f)}; found ${matched.length} of ${all.length} journaled.`,
  ];
  const near = matched.length === 0 ? nearMisses(c, all) : [];
  if (near.length > 0) lines.push('Nearest requests:');
  for (const [i, n] of near.entries()) {
    const r = n.request;
    lines.push(
      `  ${i + 1}. ${r.method} ${r.path} → ${r.status} (${r.id}), matched ${n.matched} of ${c.length}:`,
    );
    for (const m of n.mismatches)
      lines.push(
        `       ${m.filter}: expected ${m.expected}, got ${m.actual === null ? '(none)' : m.actual}`,
      );
  }
  if (all.length === 0) lines.push('The journal is empty: did the app send its requests to this emulator?');
  return new RequestExpectationError(lines.join('\n'), matched, near);
}

/** The journal API over a request log; `scenarioName` resolves a rule id to its name for `scenario` filters. */
export function requestJournal(log: RequestLog, scenarioName: (id: string) => string | null): RequestJournal {
  const parse = (f: RequestFilter = {}) => criteria(f, scenarioName);
  const find = (f?: RequestFilter) => {
    const c = parse(f);
    return log.list().filter((r) => matchesAll(c, r));
  };
  return {
    find,
    count: (f) => find(f).length,
    get: (id) => log.peek(id),
    nearMisses: (f, limit) => nearMisses(parse(f), log.list(), limit),
    expect(f, options = {}) {
      const c = parse(f);
      const all = log.list();
      const matched = all.filter((r) => matchesAll(c, r));
      const ok = options.count === undefined ? matched.length > 0 : matched.length === options.count;
      if (!ok) throw report(c, f, matched, all, options.count);
      return matched;
    },
    clear: () => log.clear(),
  };
}
