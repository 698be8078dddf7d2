import { type Clock, monthBounds } from '../../runtime/clock.js';
import type { SubAccountRecord } from './accounts.js';
import type { Metering } from './metering.js';

/** The contract's SubAccount object (never the key hash), with this month's spend. */
export function subAccountObject(
  r: SubAccountRecord,
  { clock, metering }: { clock: Clock; metering: Metering },
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
    current_period_start: period.start,
    current_period_end: period.end,
    created_at: r.created_at,
  };
}
