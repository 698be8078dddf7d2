import { levenshtein } from '../util/text.js';
import { ApiError } from './errors.js';

/** Every public route as [method, contract path template]. */
export const ROUTES: [string, string][] = [
  ['POST', '/v1/chat/completions'],
  ['POST', '/v1/embeddings'],
  ['POST', '/v1/images/generations'],
  ['POST', '/v1/audio/speech'],
  ['POST', '/v1/audio/transcriptions'],
  ['POST', '/v1/moderations'],
  ['POST', '/v1/translations'],
  ['POST', '/v1/classifications'],
  ['POST', '/v1/ocr'],
  ['POST', '/v1/detections'],
  ['POST', '/v1/rerank'],
  ['POST', '/v1/videos/generations'],
  ['POST', '/v1/audio/music'],
  ['POST', '/v1/3d/generations'],
  ['GET', '/v1/models'],
  ['GET', '/v1/models/{model}'],
  ['GET', '/v1/jobs/{id}'],
  ['POST', '/v1/sub-accounts'],
  ['GET', '/v1/sub-accounts'],
  ['GET', '/v1/sub-accounts/{id}'],
  ['PATCH', '/v1/sub-accounts/{id}'],
  ['DELETE', '/v1/sub-accounts/{id}'],
  ['POST', '/v1/evals'],
  ['GET', '/v1/evals'],
  ['GET', '/v1/evals/{id}'],
  ['POST', '/v1/replays'],
  ['GET', '/v1/usage/by-tag'],
  ['GET', '/v1/files/{path}'],
  ['POST', '/v1/files/signed-urls'],
];

const compiled = ROUTES.map(([method, template]) => ({
  method,
  template,
  re: new RegExp(`^${template.replace(/\{(model|path)\}/g, '.+').replace(/\{[a-z]+\}/g, '[^/]+')}$`),
}));

/** The contract template for a request path, or undefined. */
export function matchRoute(method: string, path: string): string | undefined {
  for (const r of compiled) if (r.method === method && r.re.test(path)) return r.template;
  return undefined;
}

const exampleBase = 'https://api.aigateway.sh/v1 (or http://127.0.0.1:<port>/v1 for the emulator)';

/** A 404 `unknown_path` (or wrong-method hint) that explains how to fix the base URL. */
export function unknownPath(method: string, path: string): ApiError {
  const make = (message: string) => new ApiError(404, 'unknown_path', message);
  const sameMethodAnyPath = compiled.filter((r) => r.re.test(path));
  if (sameMethodAnyPath.length > 0) {
    const methods = [...new Set(sameMethodAnyPath.map((r) => r.method))].join(' or ');
    return make(`${method} ${path} is not an endpoint; this path takes ${methods}.`);
  }
  if (path.startsWith('/v1/v1/')) {
    return make(
      `The path ${path} has /v1 twice: your base URL already ends in /v1, so request paths must not repeat it. Use the base URL ${exampleBase}.`,
    );
  }
  if (!path.startsWith('/v1/') && matchRoute(method, `/v1${path}`)) {
    return make(
      `${method} ${path} is missing the /v1 prefix: the base URL must end in /v1 — ${exampleBase} — and then ${path} becomes /v1${path}.`,
    );
  }
  const prefix = compiled.find((r) => r.template.startsWith(`${path}/`) || path.startsWith(`${r.template}/`));
  if (prefix) {
    return make(
      `No endpoint at ${path}: the base URL must end in /v1 (not ${path}); set it to ${exampleBase} and call ${prefix.method} ${prefix.template}.`,
    );
  }
  const nearest = compiled.map((r) => ({ r, d: levenshtein(path, r.template) })).sort((a, b) => a.d - b.d)[0];
  const hint = nearest && nearest.d <= 6 ? ` Did you mean ${nearest.r.method} ${nearest.r.template}?` : '';
  return make(
    `No endpoint at ${method} ${path}.${hint} The base URL must end in /v1 — ${exampleBase}; see GET /v1/models and the API reference for the paths.`,
  );
}
