import { ApiError } from '../../http/errors.js';
import { type Clock, monthBounds } from '../../runtime/clock.js';
import type { StatePart } from '../../runtime/state.js';
import { roundCents } from '../../util/text.js';
import type { Accounts, Principal } from './accounts.js';
import type { ChargeRecord, Metering } from './metering.js';

/** Money held for a dispatched request or job until it is charged (settled) or dropped (released). */
export interface Reservation {
  id: string;
  sub_account_id: string;
  cents: number;
  request_id: string;
  /** Set for async jobs and eval runs (their id): the only reservations that outlive the process (in the `--state` file). */
  job_id: string | null;
  created_at: number;
}

export type ChargeFields = Omit<ChargeRecord, 'id' | 'refunded'>;

/** One request's reservation: grown to its real price, then settled into a charge or released. */
export interface Hold {
  /** Sets the held amount to `cents`; 402 (and the hold released) when that would pass the cap. */
  resize(cents: number): void;
  /** Ties the hold to a job, so it is persisted and settled by the job's id. */
  attach(jobId: string): void;
  /** Records the charge and drops the reservation in one step, so the sum never counts it twice. */
  settle(charge: ChargeFields): void;
  release(): void;
}

type SavedReservations = { reservations: Reservation[] };

/**
 * Spend caps as the FAQ states them: "Enforcement runs before dispatch, so you are never charged
 * for the blocked request." A request is admitted only while spent + reserved + its price stays
 * within the cap (and the cap is not reached yet); its price is reserved at once, in the same
 * synchronous step as the check, so concurrent requests can never overshoot.
 */
export class SpendCaps implements StatePart<SavedReservations> {
  private readonly reservations = new Map<string, Reservation>();

  constructor(
    private readonly accounts: Accounts,
    private readonly metering: Metering,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly changed: () => void,
  ) {}

  /** Cents held for a sub-account's requests and jobs still in flight. */
  reserved(subAccountId: string): number {
    let total = 0;
    for (const r of this.reservations.values()) if (r.sub_account_id === subAccountId) total += r.cents;
    return roundCents(total);
  }

  /** Throws 402 unless `cents` more fits under the principal's cap (the whole price, before dispatch). */
  check(principal: Principal, cents: number, except?: Reservation): void {
    const id = principal.subAccountId;
    if (id === null) return;
    const cap = this.accounts.find(id)?.spend_cap_cents;
    if (cap === null || cap === undefined) return;
    const now = this.clock.now();
    const spent = this.metering.spent(id, now);
    const reserved = roundCents(this.reserved(id) - (except?.cents ?? 0));
    if (spent + reserved < cap && roundCents(spent + reserved + cents) <= cap) return;
    throw budgetExceeded(id, cap, spent, reserved, cents, monthBounds(now).end);
  }

  /** Checks the cap and reserves `cents` for the request in one synchronous step. */
  admit(principal: Principal, cents: number, requestId: string): Hold {
    this.check(principal, cents);
    const id = principal.subAccountId;
    let reservation: Reservation | undefined;
    if (id !== null) {
      reservation = {
        id: this.newId(),
        sub_account_id: id,
        cents: roundCents(cents),
        request_id: requestId,
        job_id: null,
        created_at: this.clock.now(),
      };
      this.reservations.set(reservation.id, reservation);
      this.changed();
    }
    return this.hold(principal, reservation);
  }

  /** Settles a job's reservation into its charge (the job completed). */
  settleJob(jobId: string, charge: ChargeFields): void {
    this.dropJob(jobId);
    this.metering.record(charge);
  }

  /** Releases a job's reservation (the job failed: nothing is charged). */
  releaseJob(jobId: string): void {
    this.dropJob(jobId);
    this.changed();
  }

  save(): SavedReservations {
    return { reservations: [...this.reservations.values()].filter((r) => r.job_id !== null) };
  }

  /** Only job reservations come back: a request in flight when the emulator stopped never finished. */
  load(saved: Partial<SavedReservations>): void {
    for (const r of saved.reservations ?? []) if (r.job_id !== null) this.reservations.set(r.id, r);
  }

  clear(): void {
    this.reservations.clear();
  }

  private dropJob(jobId: string): void {
    for (const [id, r] of this.reservations) if (r.job_id === jobId) this.reservations.delete(id);
  }

  private hold(principal: Principal, reservation: Reservation | undefined): Hold {
    const drop = () => {
      if (reservation && this.reservations.delete(reservation.id)) this.changed();
    };
    return {
      resize: (cents) => {
        if (!reservation) return;
        try {
          if (cents > reservation.cents) this.check(principal, cents, reservation);
        } catch (e) {
          drop();
          throw e;
        }
        reservation.cents = roundCents(cents);
        this.changed();
      },
      attach: (jobId) => {
        if (!reservation) return;
        reservation.job_id = jobId;
        this.changed();
      },
      settle: (charge) => {
        drop();
        this.metering.record(charge);
      },
      release: drop,
    };
  }
}

function budgetExceeded(
  id: string,
  cap: number,
  spent: number,
  reserved: number,
  price: number,
  resetsAt: number,
): ApiError {
  const held = reserved > 0 ? `, ${reserved} held for requests and jobs still running` : '';
  const cost = price > 0 ? ` This request costs ${roundCents(price)} cents.` : '';
  const where = spent + reserved >= cap ? 'reached' : 'would pass';
  const wait = reserved > 0 ? ', wait for running jobs to finish,' : '';
  return new ApiError(
    402,
    'budget_exceeded',
    `Sub-account ${id} ${where} its monthly spend cap of ${cap} cents (spent ${spent}${held}).${cost} Raise the cap with PATCH /v1/sub-accounts/${id}${wait} or wait until the cap resets at ${new Date(resetsAt * 1000).toISOString()}. This request was not charged.`,
    {
      spend_cap_cents: cap,
      spent_cents: spent,
      reserved_cents: reserved,
      ...(price > 0 ? { price_cents: roundCents(price) } : {}),
      resets_at: resetsAt,
      sub_account_id: id,
    },
    {
      'x-aig-spend-cap-cents': String(cap),
      'x-aig-spent-cents': String(spent),
      'x-aig-reserved-cents': String(reserved),
      'x-aig-spend-cap-reset': String(resetsAt),
    },
  );
}
