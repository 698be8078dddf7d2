import { API_KEY_IN_TEXT, isSecretHeaderName, REDACTED } from '../control/redact.js';

export { REDACTED } from '../control/redact.js';
/** What a stripped API key becomes: it still matches the contract's `ApiKey` pattern, so a replayed body stays valid. */
export const REDACTED_KEY = 'sk-aig-REDACTED';
export const REDACTED_SECRET = 'whsec_REDACTED';
/** The contract's `ApiKey` pattern. */
export const API_KEY = new RegExp(`^${API_KEY_IN_TEXT}$`);

// In text that may be JSON a key ends at a quote or a backslash: the pattern's class would run on
// into the next value.
function redactKeys(text: string): string {
  return text.replace(new RegExp(API_KEY_IN_TEXT, 'g'), (match) => {
    const end = match.search(/["\\]/);
    return end === -1 ? REDACTED_KEY : `${REDACTED_KEY}${redactKeys(match.slice(end))}`;
  });
}
// Webhook signing secrets (`whsec_…`, the form the gateway and the emulator issue them in).
const webhookSecret = /whsec_[A-Za-z0-9+/=_-]{4,}/g;
/** JSON fields whose string value is a credential whatever it looks like. */
const SECRET_FIELD = /(^|_)(secret|api_key|password)$/i;

/**
 * Strips credentials from cassettes: every key matching the contract's `ApiKey` pattern, webhook
 * secrets, and the literal values given (the upstream key, the emulator's own key and secret),
 * wherever they appear.
 */
export class Redactor {
  private readonly literals: string[];

  constructor(literals: (string | undefined)[]) {
    this.literals = literals.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  }

  text(value: string): string {
    let out = value;
    for (const literal of this.literals) out = out.split(literal).join(REDACTED);
    return redactKeys(out).replace(webhookSecret, REDACTED_SECRET);
  }

  json(value: unknown, field?: string): unknown {
    if (typeof value === 'string') return field && SECRET_FIELD.test(field) ? REDACTED : this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.json(v, k)]));
    }
    return value;
  }

  /** Header names lower-cased and sorted; credential headers (as the journal names them) keep only their name. */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of [...headers].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = isSecretHeaderName(name) ? REDACTED : this.text(value);
    }
    return out;
  }

  /** True when a serialized cassette still holds one of the literal secrets (a bug: it is not written). */
  leaks(serialized: string): boolean {
    return this.literals.some((literal) => serialized.includes(literal));
  }
}
