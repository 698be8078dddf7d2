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

const pattern = (template: string) =>
  template.replace(/\{(model|path)\}/g, '.+').replace(/\{[a-z]+\}/g, '[^/]+');

/** A route with its matchers: `re` for the whole path, `tail` for `<anything>` + its path after `/v1`. */
export interface CompiledRoute {
  method: string;
  template: string;
  re: RegExp;
  tail: RegExp;
}

export const compiledRoutes: CompiledRoute[] = ROUTES.map(([method, template]) => ({
  method,
  template,
  re: new RegExp(`^${pattern(template)}$`),
  tail: new RegExp(`^(.*?)(${pattern(template.slice('/v1'.length))})$`),
}));

/** The contract template for a request path, or undefined. */
export function matchRoute(method: string, path: string): string | undefined {
  for (const r of compiledRoutes) if (r.method === method && r.re.test(path)) return r.template;
  return undefined;
}
