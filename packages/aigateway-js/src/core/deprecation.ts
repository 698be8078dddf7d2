// A deprecated model answers with `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a `Link` to its
// successor; past the sunset it is pruned (404). The SDK says so once per model, at the default level.
import { headers as headerRules } from 'aigateway-contract';
import type { Log } from './logger.js';
import type { RequestSpec } from './prepare.js';

/** `${origin} ${model}` of every model already warned about in this process. */
const warned = new Set<string>();

const { deprecation: DEPRECATION, sunset: SUNSET, successorLink: LINK } = headerRules;
const SUCCESSOR = new RegExp(`<[^>]*/models/([^>]+)>\\s*;\\s*rel="?${LINK.rel}"?`, 'i');
/** RFC 9745's structured-field date, `@<Unix seconds>`. */
const DATE = new RegExp(DEPRECATION.pattern);

/** `YYYY-MM-DD`, or '' for a time no Date can hold (a header must never make a call throw). */
const day = (ms: number) => (Number.isNaN(new Date(ms).getTime()) ? '' : new Date(ms).toISOString().slice(0, 10));

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
  const deprecation = headers.get(DEPRECATION.name);
  if (deprecation === null || !log.enabled('warn')) return;
  const model = modelOf(spec) ?? spec.path;
  const key = `${origin} ${model}`;
  if (warned.has(key)) return;
  warned.add(key);
  const date = deprecation.trim();
  const sinceDay = DATE.test(date) ? day(Number(date.slice(1)) * 1000) : '';
  const since = sinceDay ? ` since ${sinceDay}` : '';
  const sunsetMs = Date.parse(headers.get(SUNSET.name) ?? '');
  const sunsetDay = day(sunsetMs);
  const sunset = sunsetDay ? ` and is removed on ${sunsetDay}` : '';
  const successor = SUCCESSOR.exec(headers.get(LINK.name) ?? '')?.[1];
  const next = successor
    ? `move to '${decodeURIComponent(successor)}'`
    : 'pick another model from client.models.list()';
  log.warn(`Model '${model}' is deprecated${since}${sunset}: ${next}.`);
}
