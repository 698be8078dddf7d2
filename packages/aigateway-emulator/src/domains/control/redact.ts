import { patterns } from 'aigateway-contract';

/** What the journal shows instead of a secret. */
export const REDACTED = '[redacted]';

// Headers that carry credentials by name; `x-byok-*` carries provider keys.
const SECRET_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);
const SECRET_NAME = /^x-byok-|secret|token|password|signature/;

/** The contract's `ApiKey` pattern without its anchors, to find a key inside a longer value. */
export const API_KEY_IN_TEXT = patterns.apiKey.replace(/^\^/, '').replace(/\$$/, '');
const API_KEY = new RegExp(API_KEY_IN_TEXT);

/** Whether a header carries a credential by its (lower-case) name alone. */
export const isSecretHeaderName = (name: string): boolean => SECRET_NAMES.has(name) || SECRET_NAME.test(name);

/** Request headers for the journal, lower-case, with every secret-bearing value redacted. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = isSecretHeaderName(name) || API_KEY.test(value) ? REDACTED : value;
  });
  return out;
}

/** The query string without `?`, signed-URL signatures (and anything key-like) redacted; null when empty. */
export function redactQuery(search: string): string | null {
  if (search.length <= 1) return null;
  const params = new URLSearchParams(search);
  for (const [name, value] of [...params]) {
    if (SECRET_NAME.test(name.toLowerCase()) || API_KEY.test(value)) params.set(name, REDACTED);
  }
  return params.toString();
}
