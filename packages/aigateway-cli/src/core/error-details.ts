// The gateway's error object carries type-specific fields next to type, code and message
// (openapi/README.md § Errors): `retry_after` on 429, `spend_cap_cents`, `spent_cents`, `reserved_cents`,
// `price_cents`, `resets_at` and `sub_account_id` on 402, `suggestions` on 404 model_not_found, `provider` on 502, `param` on 400.
// The CLI passes them through unchanged, so scripts read them from `aig --json`'s error line.

/** The keys of the CLI's JSON error envelope: stable, never replaced by a gateway field. */
export const ENVELOPE_KEYS: readonly string[] = [
  'code',
  'message',
  'exit_code',
  'status',
  'type',
  'request_id',
];

/** Type-specific fields of a gateway error, as the gateway sent them. */
export type ErrorDetails = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The type-specific fields of a gateway error object (everything but the fields the CLI's envelope
 * carries itself), or undefined when there are none.
 */
export function gatewayDetails(error: unknown): ErrorDetails | undefined {
  if (!isObject(error)) return undefined;
  const details: ErrorDetails = {};
  for (const [key, value] of Object.entries(error)) {
    if (!ENVELOPE_KEYS.includes(key) && value !== undefined) details[key] = value;
  }
  return Object.keys(details).length ? details : undefined;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const cents = (value: number): string => `${Number(value.toFixed(4))}¢`;

/** Unix seconds as a day (`2026-12-01`) when at midnight UTC, else to the minute. */
function when(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The fields a person acts on, in words — "retry after 2 s", "cap 100¢, spent 100.3¢, resets 2026-12-01",
 * "provider openai" — leaving out what `message` already says. Undefined when nothing is left.
 */
export function describeDetails(details: ErrorDetails | undefined, message: string): string | undefined {
  if (!details) return undefined;
  const parts: string[] = [];
  const retryAfter = num(details.retry_after);
  if (retryAfter !== undefined) parts.push(`retry after ${retryAfter} s`);
  const cap = num(details.spend_cap_cents);
  const spent = num(details.spent_cents);
  const reserved = num(details.reserved_cents);
  const price = num(details.price_cents);
  const resets = num(details.resets_at);
  if (cap !== undefined) parts.push(`cap ${cents(cap)}`);
  if (spent !== undefined) parts.push(`spent ${cents(spent)}`);
  if (reserved) parts.push(`reserved ${cents(reserved)}`);
  if (price !== undefined) parts.push(`this request ${cents(price)}`);
  if (resets !== undefined) parts.push(`resets ${when(resets)}`);
  if (typeof details.provider === 'string' && details.provider !== '')
    parts.push(`provider ${details.provider}`);
  const said = message.toLowerCase();
  const fresh = parts.filter((part) => !said.includes(part.toLowerCase()));
  return fresh.length ? fresh.join(', ') : undefined;
}
