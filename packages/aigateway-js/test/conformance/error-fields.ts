// Compares an SDK error with the snake_case `fields` of a conformance vector (errors.json, sse.json).
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** `fields` plus the message checks of an error expectation. */
export interface ExpectedFields {
  status?: number;
  message_contains?: string[];
  message_excludes?: string[];
  param_excludes?: string[];
  [field: string]: unknown;
}

// The vectors' snake_case names → this SDK's properties (and how a value reads back).
const FIELDS: Record<string, (error: Record<string, unknown>) => unknown> = {
  status: (e) => e.status,
  type: (e) => e.type,
  code: (e) => e.code,
  param: (e) => e.param,
  request_id: (e) => e.requestId,
  retry_after: (e) => e.retryAfter,
  spend_cap_cents: (e) => e.spendCapCents,
  spent_cents: (e) => e.spentCents,
  reserved_cents: (e) => e.reservedCents,
  price_cents: (e) => e.priceCents,
  resets_at: (e) => (e.resetsAt instanceof Date ? e.resetsAt.getTime() / 1000 : e.resetsAt),
  sub_account_id: (e) => e.subAccountId,
  suggestions: (e) => e.suggestions,
  provider: (e) => e.provider,
};

export function expectErrorFields(error: Error, expected: ExpectedFields): void {
  const { message_contains = [], message_excludes = [], param_excludes = [], ...fields } = expected;
  const record = error as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    const read = FIELDS[name];
    if (!read) throw new Error(`conformance: no mapping for field ${name}`);
    expect(read(record) ?? null, name).toEqual(value);
  }
  for (const text of message_contains) expect(error.message).toContain(text);
  const renderings = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5 })];
  for (const text of message_excludes) for (const shown of renderings) expect(shown).not.toContain(text);
  for (const text of param_excludes) expect(String(record.param ?? '')).not.toContain(text);
}
