import { API_PREFIX, modalities, operations } from 'aigateway-contract';
import { MODALITIES, type Modality } from '../core/modalities.js';
import { usageError } from '../errors.js';

// Here, not beside MODALITIES: `operations` is the contract's whole operation table, which only `aig call`
// needs; `aig models` (which takes a modality name) starts without it.

/** The endpoint path of each modality, from the contract's operations. */
export const ENDPOINTS = Object.fromEntries(
  MODALITIES.map((m) => [m, operations[modalities[m]].path]),
) as Record<Modality, string>;

/** Parses `--endpoint`: a modality name or its endpoint path (`/v1/audio/speech`, `audio/speech`). */
export function parseEndpoint(raw: string): Modality {
  const value = raw.trim().toLowerCase();
  const path = value.startsWith(`${API_PREFIX}/`) ? value : `${API_PREFIX}/${value.replace(/^\//, '')}`;
  const found = MODALITIES.find((m) => m === value) ?? MODALITIES.find((m) => ENDPOINTS[m] === path);
  if (found) return found;
  throw usageError(
    `--endpoint must be one of ${MODALITIES.join(', ')} (or its /v1 path), got "${raw}".`,
    'invalid_modality',
  );
}
