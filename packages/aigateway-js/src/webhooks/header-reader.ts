import { WebhookVerificationError } from './errors.js';
import type { WebhookHeaders } from './types.js';

/** Reads one header from any of the accepted header shapes, case-insensitively. */
export type HeaderReader = (name: string) => string | undefined;

interface HeadersLike {
  get(name: string): string | null;
}

function isHeadersLike(value: object): value is HeadersLike {
  return typeof (value as { get?: unknown }).get === 'function';
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // Repeated headers: joined as Node and Fetch join them.
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  return undefined;
}

export function headerReader(headers: WebhookHeaders): HeaderReader {
  if (typeof headers !== 'object' || headers === null) {
    throw new WebhookVerificationError(
      'missing_header',
      `No request headers were given (got ${headers === null ? 'null' : typeof headers}): pass the ` +
        'request headers as received, e.g. `req.headers` (Node, Express, Fastify) or `request.headers` (Fetch).',
    );
  }
  if (isHeadersLike(headers)) return (name) => headers.get(name) ?? undefined;
  const record = headers as { readonly [name: string]: unknown };
  const keys = Object.keys(record);
  return (name) => {
    let joined: string | undefined;
    for (const key of keys) {
      // The length check spares a toLowerCase() for nearly every other header.
      if (key.length !== name.length || key.toLowerCase() !== name) continue;
      const text = toText(record[key]);
      if (text !== undefined) joined = joined === undefined ? text : `${joined}, ${text}`;
    }
    return joined;
  };
}

/** A header the gateway always sends; its absence means a proxy or the caller dropped it. */
export function requireHeader(read: HeaderReader, name: string): string {
  const value = read(name);
  if (value === undefined || value.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      `The \`${name}\` header is missing: pass all request headers as received (not a subset), and make ` +
        'sure no proxy strips `x-aig-*` headers.',
      name,
    );
  }
  return value.trim();
}
