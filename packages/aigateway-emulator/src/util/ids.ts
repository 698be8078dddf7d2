import { randomBytes } from 'node:crypto';
import { createRng, type Rng } from './rng.js';

/** Id factory: random by default, reproducible when the emulator is given a seed. */
export interface Ids {
  hex(bytes: number): string;
  /** `req_` + 24 hex, the contract's request id. */
  request(): string;
  /** `prefix` + 24 hex (`job_`, `sa_`, `eval_`, `rpl_`). */
  prefixed(prefix: string): string;
}

export function createIds(seed?: number): Ids {
  const rng: Rng | undefined = seed === undefined ? undefined : createRng(seed ^ 0x1d5);
  // A pooled buffer keeps unseeded id generation cheap on the hot path.
  let pool = Buffer.alloc(0);
  let offset = 0;
  const hex = (bytes: number): string => {
    if (rng) return rng.hex(bytes);
    if (offset + bytes > pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const out = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    return out;
  };
  return {
    hex,
    request: () => `req_${hex(12)}`,
    prefixed: (prefix) => `${prefix}${hex(12)}`,
  };
}
