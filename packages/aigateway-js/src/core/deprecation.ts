// A deprecated model answers with `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a `Link` to its
// successor; past the sunset it is pruned (404). The SDK says so once per model, at the default level.
import type { Log } from './logger.js';
import type { RequestSpec } from './prepare.js';

/** `${origin} ${model}` of every model already warned about in this process. */
const warned = new Set<string>();

const SUCCESSOR = /<[^>]*\/models\/([^>]+)>\s*;\s*rel="?successor-version"?/i;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The model a call named: the body's `model` (JSON or multipart), else the `/models/{id}` path. */
function modelOf(spec: RequestSpec): string | undefined {
  const body = spec.body;
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const model = body.get('model');
    if (typeof model === 'string') return model;
  } else if (typeof body === 'object' && body !== null && 'model' in body) {
    const model = (body as { model: unknown }).model;
    if (typeof model === 'string') return model;
  }
  const path = /\/models\/(.+)$/.exec(spec.path)?.[1];
  return path === undefined ? undefined : decodeURIComponent(path);
}

/**
 * Logs a warning the first time a model answers with a `Deprecation` header: since when, when it is
 * pruned (`Sunset`) and what to move to (`Link rel="successor-version"`).
 */
export function warnIfDeprecated(log: Log, origin: string, spec: RequestSpec, headers: Headers): void {
  const deprecation = headers.get('deprecation');
  if (deprecation === null || !log.enabled('warn')) return;
  const model = modelOf(spec) ?? spec.path;
  const key = `${origin} ${model}`;
  if (warned.has(key)) return;
  warned.add(key);
  const seconds = /^@(-?\d+)$/.exec(deprecation.trim())?.[1];
  const since = seconds === undefined ? '' : ` since ${day(Number(seconds) * 1000)}`;
  const sunsetMs = Date.parse(headers.get('sunset') ?? '');
  const sunset = Number.isNaN(sunsetMs) ? '' : ` and is removed on ${day(sunsetMs)}`;
  const successor = SUCCESSOR.exec(headers.get('link') ?? '')?.[1];
  const next = successor
    ? `move to '${decodeURIComponent(successor)}'`
    : 'pick another model from client.models.list()';
  log.warn(`Model '${model}' is deprecated${since}${sunset}: ${next}.`);
}
