// The shapes of the control API, taken from the emulator's own code so that a change there
// fails the console's typecheck instead of drifting.
import type { UsageBucket } from '../../src/domains/accounts/metering.js';
import type { subAccountObject } from '../../src/domains/accounts/sub-account.js';
import type { DeliveryLogEntry, EmulatorControl } from '../../src/domains/control/control.js';
import type { RequestRecord } from '../../src/domains/control/requests.js';

export type { DeliveryLogEntry, RequestRecord, UsageBucket };
export type Job = ReturnType<EmulatorControl['jobs']>[number];
/** A sub-account as the control API lists it; `reserved_cents` once the emulator reserves job prices. */
export type SubAccount = ReturnType<typeof subAccountObject> & { reserved_cents?: number };

export interface List<T> {
  object: 'list';
  data: T[];
}

export interface Clock {
  now: number;
  offset_seconds: number;
  time_scale: number;
}

export interface EmulatorState {
  clock: Clock;
  jobs: { total: number; queued: number; running: number; completed: number; failed: number };
  sub_accounts: number;
  charges: number;
  charged_cents: number;
  requests: number;
  deliveries: { total: number; pending: number; delivered: number; failed: number };
}
