import { API_PREFIX, DEFAULT_BASE_URL, MCP_PATH } from 'aigateway-contract';
import { operations, templatePattern } from '../contract/operations.js';
import { levenshtein } from '../util/text.js';
import { ApiError } from './errors.js';

/** A `/v1` operation with its matchers: `re` for the whole path, `tail` for `<anything>` + its path after `/v1`. */
interface CompiledRoute {
  method: string;
  template: string;
  re: RegExp;
  tail: RegExp;
}

// The contract's operations are the routes the app serves (each registered from the same table).
const compiledRoutes: CompiledRoute[] = operations
  .filter((op) => op.path.startsWith(`${API_PREFIX}/`))
  .map(({ method, path }) => ({
    method,
    template: path,
    re: new RegExp(`^${templatePattern(path)}$`),
    tail: new RegExp(`^(.*?)(${templatePattern(path.slice(API_PREFIX.length))})$`),
  }));

// Every contract operation (MCP's too), for the methods a path takes.
const allRoutes = operations.map(({ method, path }) => ({
  method,
  template: path,
  re: new RegExp(`^${templatePattern(path)}$`),
}));

/** The methods the contract serves at `path` (HEAD with every GET), or none when it is no endpoint. */
export function allowedMethods(path: string): string[] {
  const matching = allRoutes.filter((r) => r.re.test(path));
  // OpenAPI matches a literal path before a template: /v1/files/signed-urls is not a file's path.
  const literal = matching.filter((r) => r.template === path);
  const methods = new Set<string>((literal.length > 0 ? literal : matching).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

const matchRoute = (method: string, path: string) =>
  compiledRoutes.find((r) => r.method === method && r.re.test(path))?.template;

const BASE_URL = `${DEFAULT_BASE_URL} (or http://127.0.0.1:<port>/v1 for the emulator)`;
const MCP_URL = `${new URL(DEFAULT_BASE_URL).origin}${MCP_PATH}`;
const REFERENCE = 'https://aigateway.sh/reference';
const POINTER = `GET /v1/models lists the models and ${REFERENCE} lists every endpoint.`;

// The FAQ's "pointing at https://api.aigateway.sh/v1 (not /v1/chat)": a base URL people set, so a
// request to it gets the base-URL explanation as well as the endpoint it was probably meant for.
const MISTAKEN_BASE_URLS = new Set(['/v1/chat']);

const name = (r: CompiledRoute) => `${r.method} ${r.template}`;
const sameMethodFirst = (method: string) => (a: CompiledRoute, b: CompiledRoute) =>
  Number(b.method === method) - Number(a.method === method);

/**
 * The template with the path's own values: `{id}` takes the segment at its place, `{model}` and
 * `{path}` the rest. `complete` is false when the path is too short to fill every placeholder.
 */
function fill(template: string, path: string): { filled: string; complete: boolean } {
  const given = path.split('/');
  const out: string[] = [];
  let complete = true;
  for (const [i, seg] of template.split('/').entries()) {
    const value = seg === '{model}' || seg === '{path}' ? given.slice(i).join('/') : given[i];
    if (!seg.startsWith('{')) out.push(seg);
    else if (value) out.push(value);
    else complete = false;
  }
  return { filled: out.join('/'), complete };
}

/** The route a mistyped path was meant for: close relative to its length, so `/` or `/health` match nothing. */
function nearest(method: string, path: string) {
  let best: { route: CompiledRoute; filled: string; complete: boolean; d: number } | undefined;
  for (const route of [...compiledRoutes].sort(sameMethodFirst(method))) {
    const { filled, complete } = fill(route.template, path);
    const d = levenshtein(path, filled);
    if (d <= Math.max(1, Math.floor(filled.length / 4)) && (!best || d < best.d))
      best = { route, filled, complete, d };
  }
  return best;
}

/** `path` is `prefix` + a real endpoint's path after `/v1`, with `prefix` not `/v1`: a wrong base URL. */
function wrongBase(
  method: string,
  path: string,
): { prefix: string; route: CompiledRoute; fixed: string } | undefined {
  for (const route of [...compiledRoutes].sort(sameMethodFirst(method))) {
    const m = route.tail.exec(path);
    if (m && m[1] !== API_PREFIX) return { prefix: m[1]!, route, fixed: `${API_PREFIX}${m[2]}` };
  }
  return undefined;
}

// Other APIs' endpoints that people (and agents) try on an OpenAI-compatible base URL: not a typo
// of one of ours, so say what to use instead.
const OTHER_APIS: [RegExp, string][] = [
  [
    /^\/v1\/audio\/translations\/?$/,
    'OpenAI\'s audio translation is not an endpoint here: transcribe with POST /v1/audio/transcriptions, then translate the text with POST /v1/translations (target_language "en").',
  ],
  [
    /^\/v1\/responses(\/|$)/,
    "OpenAI's Responses API is not part of the AIgateway API: use POST /v1/chat/completions (openai SDK: client.chat.completions.create) with any model, e.g. openai/gpt-5.4.",
  ],
  [
    /^\/v1\/messages(\/|$)/,
    "Anthropic's Messages API is not part of the AIgateway API: use POST /v1/chat/completions (OpenAI's chat shape) with an Anthropic model, e.g. anthropic/claude-sonnet-4.6.",
  ],
];

/**
 * A 405 `method_not_allowed` (with `Allow`) for a path served with other methods, else a 404
 * `unknown_path` that says what to do: what to use for another API's endpoint, the endpoint a typo
 * or an incomplete path was meant for, and — only where the path shows one — how to fix the base
 * URL.
 */
export function unknownPath(method: string, path: string): ApiError {
  const make = (message: string) => new ApiError(404, 'unknown_path', message);
  const allowed = allowedMethods(path);
  if (allowed.length > 0) {
    // HTTP's answer to a path that exists with other methods: 405 with `Allow` (RFC 9110 §15.5.6).
    const takes = allowed.filter((m) => m !== 'HEAD').join(' or ');
    return new ApiError(
      405,
      'method_not_allowed',
      `${method} ${path} is not supported: this path takes ${takes}.`,
      {},
      { allow: allowed.join(', ') },
    );
  }
  const other = OTHER_APIS.find(([re]) => re.test(path));
  if (other) return make(`No endpoint at ${method} ${path}. ${other[1]}`);

  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === API_PREFIX) {
    return make(
      `${method} ${path} is the base URL, not an endpoint: append an endpoint's path to it, e.g. POST /v1/chat/completions. ${POINTER}`,
    );
  }
  if (trimmed !== path && trimmed !== '') {
    const template = matchRoute(method, trimmed);
    const other = template ? undefined : compiledRoutes.find((r) => r.re.test(trimmed));
    if (template || other)
      return make(
        `No endpoint at ${method} ${path}: drop the trailing slash — ${template ? method : other!.method} ${trimmed}.`,
      );
  }

  if (/^\/v1\/mcp(\/|$)/.test(path)) {
    return make(
      `No endpoint at ${method} ${path}: MCP is served at /mcp, not under /v1. Point your MCP client at ${MCP_URL} (http://127.0.0.1:<port>${MCP_PATH} for the emulator).`,
    );
  }
  if (path === `${API_PREFIX}${API_PREFIX}` || path.startsWith(`${API_PREFIX}${API_PREFIX}/`)) {
    const rest = path.slice(API_PREFIX.length);
    const meant = compiledRoutes.find((r) => r.re.test(rest));
    return make(
      `The path ${path} has /v1 twice: your base URL already ends in /v1, so request paths must not repeat it${meant ? ` (this call is ${meant.method} ${rest})` : ''}. Use the base URL ${BASE_URL}.`,
    );
  }
  const base = wrongBase(method, path);
  if (base) {
    const call = `${base.route.method} ${base.fixed}`;
    return make(
      base.prefix === ''
        ? `${method} ${path} is missing the /v1 prefix: the base URL must end in /v1 — ${BASE_URL} — so this call is ${call}.`
        : `No endpoint at ${method} ${path}: your base URL seems to end in ${base.prefix}, but it must end in /v1 — ${BASE_URL} — so this call is ${call}.`,
    );
  }

  const under = compiledRoutes
    .filter((r) => r.template.startsWith(`${trimmed}/`))
    .sort(sameMethodFirst(method));
  if (trimmed !== '' && under.length > 0) {
    const names = under.slice(0, 3).map(name);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
    const baseHint = MISTAKEN_BASE_URLS.has(trimmed)
      ? ` If ${trimmed} is your client's base URL, set it to ${BASE_URL}: the base URL must end in /v1, not ${trimmed}.`
      : '';
    return make(`No endpoint at ${method} ${path}. Did you mean ${list}?${baseHint}`);
  }

  const near = nearest(method, path);
  if (near) {
    const concrete =
      near.complete && near.filled !== near.route.template
        ? ` (here ${near.route.method} ${near.filled})`
        : '';
    return make(`No endpoint at ${method} ${path}. Did you mean ${name(near.route)}${concrete}?`);
  }
  return make(
    `No endpoint at ${method} ${path}.${path.startsWith('/v1/') ? '' : ' The API is under /v1:'} ${POINTER}`,
  );
}
