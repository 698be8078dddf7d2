import type { Modality } from 'aigateway-js';
import { usageError } from '../errors.js';

export type { Modality };

/** Every modality of the catalog (the contract's Modality enum; ENDPOINTS below must name each one). */
export const MODALITIES = [
  'chat',
  'image',
  'video',
  'music',
  '3d',
  'transcription',
  'speech',
  'embedding',
  'moderation',
  'translation',
  'classification',
  'ocr',
  'detection',
  'rerank',
] as const satisfies readonly Modality[];

/** The endpoint path of each modality, also accepted by `aig call --endpoint`. */
export const ENDPOINTS: Record<Modality, string> = {
  chat: '/v1/chat/completions',
  image: '/v1/images/generations',
  video: '/v1/videos/generations',
  music: '/v1/audio/music',
  '3d': '/v1/3d/generations',
  transcription: '/v1/audio/transcriptions',
  speech: '/v1/audio/speech',
  embedding: '/v1/embeddings',
  moderation: '/v1/moderations',
  translation: '/v1/translations',
  classification: '/v1/classifications',
  ocr: '/v1/ocr',
  detection: '/v1/detections',
  rerank: '/v1/rerank',
};

/** Parses a modality name (or, for `--endpoint`, an endpoint path) into a modality. */
export function parseModality(raw: string, flag: string): Modality {
  const value = raw.trim().toLowerCase();
  const byName = MODALITIES.find((m) => m === value);
  if (byName) return byName;
  const path = value.startsWith('/v1/') ? value : `/v1/${value.replace(/^\//, '')}`;
  const byPath = MODALITIES.find((m) => ENDPOINTS[m] === path);
  if (byPath) return byPath;
  throw usageError(`${flag} must be one of ${MODALITIES.join(', ')}, got "${raw}".`, 'invalid_modality');
}
