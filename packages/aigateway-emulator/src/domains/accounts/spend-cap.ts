import { ApiError } from '../../http/errors.js';
import { type Clock, monthBounds } from '../../runtime/clock.js';
import type { Accounts, Principal } from './accounts.js';
import type { Metering } from './metering.js';

/** Spend caps are enforced before dispatch, so a blocked request costs nothing. */
export function assertWithinCap(
  { accounts, metering, clock }: { accounts: Accounts; metering: Metering; clock: Clock },
  principal: Principal,
): void {
  const id = principal.subAccountId;
  if (id === null) return;
  const cap = accounts.find(id)?.spend_cap_cents;
  if (cap === null || cap === undefined) return;
  const now = clock.now();
  const spent = metering.spent(id, now);
  if (spent < cap) return;
  const resetsAt = monthBounds(now).end;
  throw new ApiError(
    402,
    'budget_exceeded',
    `Sub-account ${id} reached its monthly spend cap of ${cap} cents (spent ${spent}); raise it with PATCH /v1/sub-accounts/${id} or wait until the cap resets at ${new Date(resetsAt * 1000).toISOString()}. This request was not charged.`,
    { spend_cap_cents: cap, spent_cents: spent, resets_at: resetsAt, sub_account_id: id },
  );
}
