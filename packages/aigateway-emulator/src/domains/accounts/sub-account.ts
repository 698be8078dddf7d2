import { type Clock, monthBounds } from '../../runtime/clock.js';
import type { SubAccountRecord } from './accounts.js';
import type { Metering } from './metering.js';
import type { SpendCaps } from './spend-cap.js';

/** The contract's SubAccount object (never the key hash), with this month's spend and what is held. */
export function subAccountObject(
  r: SubAccountRecord,
  { clock, metering, caps }: { clock: Clock; metering: Metering; caps: SpendCaps },
) {
  const now = clock.now();
  const period = monthBounds(now);
  return {
    id: r.id,
    object: 'sub_account' as const,
    name: r.name,
    spend_cap_cents: r.spend_cap_cents,
    rate_limit_rpm: r.rate_limit_rpm,
    default_tag: r.default_tag,
    metadata: r.metadata,
    key_prefix: r.key_prefix,
    spent_cents: metering.spent(r.id, now),
    reserved_cents: caps.reserved(r.id),
    current_period_start: period.start,
    current_period_end: period.end,
    created_at: r.created_at,
  };
}
