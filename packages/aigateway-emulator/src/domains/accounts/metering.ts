import type { components } from 'aigateway-contract/types';
import type { components as ControlComponents } from '../../generated/control.js';
import { monthBounds } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { roundCents } from '../../util/text.js';
import type { ModelSpec } from '../catalog/models.js';

type ControlSchemas = ControlComponents['schemas'];

/** What one request consumed, in the model's pricing unit. */
export interface Meter {
  input_tokens?: number;
  output_tokens?: number;
  /** Images, seconds, characters, minutes or assets, per the model's `pricing.unit`. */
  units?: number;
}

/** One charge, as the control API's `GET /_emulator/charges` lists it (emulator-control.yaml). */
export type ChargeRecord = ControlSchemas['Charge'];

export interface UsageBucket {
  month: string;
  sub_account_id: string | null;
  tag: string | null;
  requests: number;
  cost_cents: number;
  input_tokens: number;
  output_tokens: number;
  byok_requests: number;
}

/** BYOK requests pay the gateway fee only: 5% of list price. */
export const BYOK_RATE = 0.05;

/** List price of a request in cents, from the catalog. */
export function price(spec: ModelSpec, meter: Meter, byok: boolean): number {
  const units = meter.units ?? 1;
  let cents: number;
  switch (spec.unit) {
    case '1m_tokens':
      cents =
        ((meter.input_tokens ?? 0) * spec.input_cents +
          (meter.output_tokens ?? 0) * (spec.output_cents ?? 0)) /
        1_000_000;
      break;
    case '1k_characters':
      cents = (units / 1000) * spec.input_cents;
      break;
    case 'request':
      cents = spec.input_cents;
      break;
    default:
      cents = units * spec.input_cents;
  }
  return roundCents(byok ? cents * BYOK_RATE : cents);
}

const bucketKey = (month: string, sa: string | null, tag: string | null) =>
  `${month}\u0000${sa ?? ''}\u0000${tag ?? ''}`;

/** One row of `GET /v1/usage/by-tag`. */
export type TagUsage = components['schemas']['UsageByTagRow'];

type SavedUsage = { usage: { buckets: UsageBucket[]; charges: ChargeRecord[] } };

/** Every billable request, aggregated per month, sub-account and tag. */
export class Metering implements StatePart<SavedUsage> {
  private readonly buckets = new Map<string, UsageBucket>();
  private readonly charges = new Map<string, ChargeRecord>();

  constructor(
    private readonly maxCharges: number,
    private readonly newId: () => string,
    private readonly changed: () => void,
  ) {}

  /** Records a charge (its id is made here). */
  record(fields: Omit<ChargeRecord, 'id' | 'refunded'>): void {
    const charge: ChargeRecord = { ...fields, id: this.newId(), refunded: false };
    this.charges.set(charge.id, charge);
    if (this.charges.size > this.maxCharges) this.charges.delete(this.charges.keys().next().value!);
    this.addToBucket(charge, 1);
    this.changed();
  }

  /** Reverses a charge (a failed job is not billed). */
  refund(charge: ChargeRecord): void {
    if (charge.refunded) return;
    charge.refunded = true;
    this.addToBucket(charge, -1);
    this.changed();
  }

  /** Reverses every charge of one request (a provider error after a stream started is not billed). */
  refundRequest(requestId: string): void {
    for (const charge of this.charges.values()) if (charge.request_id === requestId) this.refund(charge);
  }

  /** This month's spend of a sub-account, in cents. */
  spent(subAccountId: string, now: number): number {
    const month = monthBounds(now).month;
    let total = 0;
    for (const b of this.buckets.values()) {
      if (b.month === month && b.sub_account_id === subAccountId) total += b.cost_cents;
    }
    return roundCents(total);
  }

  /** Buckets of `month`, for the whole account or one sub-account. */
  usage(month: string, subAccountId: string | null): UsageBucket[] {
    return [...this.buckets.values()].filter(
      (b) => b.month === month && (subAccountId === null || b.sub_account_id === subAccountId),
    );
  }

  /** `month`'s usage per tag, most expensive first, for the whole account or one sub-account. */
  byTag(month: string, subAccountId: string | null): TagUsage[] {
    const rows = new Map<string | null, TagUsage>();
    for (const b of this.usage(month, subAccountId)) {
      const row = rows.get(b.tag) ?? {
        tag: b.tag,
        requests: 0,
        cost_cents: 0,
        input_tokens: 0,
        output_tokens: 0,
        byok_requests: 0,
      };
      row.requests += b.requests;
      row.cost_cents = roundCents(row.cost_cents + b.cost_cents);
      row.input_tokens += b.input_tokens;
      row.output_tokens += b.output_tokens;
      row.byok_requests += b.byok_requests;
      rows.set(b.tag, row);
    }
    return [...rows.values()].sort(
      (a, b) => b.cost_cents - a.cost_cents || String(a.tag).localeCompare(String(b.tag)),
    );
  }

  /** Every kept charge (the last `maxStoredRequests`), oldest first. */
  list(): ChargeRecord[] {
    return [...this.charges.values()];
  }

  save(): SavedUsage {
    return { usage: { buckets: [...this.buckets.values()], charges: [...this.charges.values()] } };
  }

  load(saved: Partial<SavedUsage>): void {
    this.clear();
    for (const b of saved.usage?.buckets ?? [])
      this.buckets.set(bucketKey(b.month, b.sub_account_id, b.tag), b);
    for (const c of saved.usage?.charges ?? []) this.charges.set(c.id, c);
  }

  clear(): void {
    this.buckets.clear();
    this.charges.clear();
  }

  private addToBucket(c: ChargeRecord, sign: 1 | -1): void {
    const month = monthBounds(c.created_at).month;
    const key = bucketKey(month, c.sub_account_id, c.tag);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        month,
        sub_account_id: c.sub_account_id,
        tag: c.tag,
        requests: 0,
        cost_cents: 0,
        input_tokens: 0,
        output_tokens: 0,
        byok_requests: 0,
      };
      this.buckets.set(key, bucket);
    }
    // A refund removes the cost but the request still happened.
    if (sign === 1) {
      bucket.requests += 1;
      bucket.input_tokens += c.input_tokens;
      bucket.output_tokens += c.output_tokens;
      if (c.byok) bucket.byok_requests += 1;
    }
    bucket.cost_cents = roundCents(bucket.cost_cents + sign * c.cost_cents);
  }
}
