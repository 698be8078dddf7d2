/**
 * `aig call --json` prints the whole response body plus its X-Request-Id as a top-level `request_id`: the
 * id `aig replay` takes. The OpenAI-shaped bodies have no such field; aggregator-native bodies and jobs may
 * carry their own `request_id`, which is the same id and is kept as it is.
 */
export function withRequestId<T extends object>(
  body: T,
  requestId: string | undefined,
): T & { request_id: string | null } {
  const own = (body as { request_id?: unknown }).request_id;
  if (typeof own === 'string' && own !== '') return body as T & { request_id: string };
  return { ...body, request_id: requestId ?? null };
}
