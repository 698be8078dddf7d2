import { modalities } from 'aigateway-contract';
import type { Modality } from 'aigateway-js/client';
import { usageError } from '../errors.js';

export type { Modality };

/** Every modality of the catalog (the contract's). */
export const MODALITIES = Object.keys(modalities) as Modality[];

/** Parses a modality name (`--modality`). */
export function parseModality(raw: string, flag: string): Modality {
  const value = raw.trim().toLowerCase();
  const byName = MODALITIES.find((m) => m === value);
  if (byName) return byName;
  throw usageError(`${flag} must be one of ${MODALITIES.join(', ')}, got "${raw}".`, 'invalid_modality');
}
