import { modalities, operations } from 'aigateway-contract';
import type { components } from 'aigateway-contract/types';

/**
 * The emulated catalog: the guide's sixteen models plus the rest of the contract's known slugs,
 * with list prices in US cents. `quality` and `latency_ms` are private hints that drive eval
 * scores; they are not part of the wire format.
 */
export type Modality = components['schemas']['Modality'];

export type PriceUnit = components['schemas']['PricingUnit'];

export interface ModelSpec {
  id: string;
  modality: Modality;
  created: number;
  unit: PriceUnit;
  input_cents: number;
  output_cents?: number;
  capabilities: string[];
  context_window?: number;
  dimensions?: number;
  /** Deprecated on `deprecated`, pruned on `sunset` (days, UTC), replaced by `successor`. */
  lifecycle?: { deprecated: string; sunset: string | null; successor: string };
  /** Relative answer quality (0–1) and base latency, for deterministic eval scores. */
  quality?: number;
  latency_ms?: number;
}

const chat = (
  id: string,
  created: number,
  input: number,
  output: number,
  ctx: number,
  extra: Partial<ModelSpec>,
) =>
  ({
    id,
    modality: 'chat',
    created,
    unit: '1m_tokens',
    input_cents: input,
    output_cents: output,
    context_window: ctx,
    capabilities: ['streaming', 'tools', 'json_mode'],
    ...extra,
  }) satisfies ModelSpec;

const vision = ['streaming', 'tools', 'json_mode', 'vision'];

export const models: ModelSpec[] = [
  chat('anthropic/claude-opus-4.7', 1776038400, 500, 2500, 1_000_000, {
    capabilities: vision,
    quality: 0.95,
    latency_ms: 2400,
  }),
  chat('anthropic/claude-sonnet-4.6', 1771200000, 300, 1500, 1_000_000, {
    capabilities: vision,
    quality: 0.9,
    latency_ms: 1300,
  }),
  chat('anthropic/claude-sonnet-4.5', 1759190400, 300, 1500, 200_000, {
    capabilities: vision,
    quality: 0.86,
    latency_ms: 1400,
    lifecycle: { deprecated: '2026-09-29', sunset: '2027-09-29', successor: 'anthropic/claude-sonnet-4.6' },
  }),
  chat('anthropic/claude-haiku-4.5', 1760572800, 100, 500, 200_000, {
    capabilities: vision,
    quality: 0.8,
    latency_ms: 600,
  }),
  chat('openai/gpt-5.4', 1772582400, 250, 1500, 1_050_000, {
    capabilities: vision,
    quality: 0.93,
    latency_ms: 1800,
  }),
  chat('openai/gpt-5.4-mini', 1773792000, 75, 450, 400_000, {
    capabilities: vision,
    quality: 0.82,
    latency_ms: 700,
  }),
  chat('moonshot/kimi-k2.6', 1776729600, 60, 250, 262_144, { quality: 0.87, latency_ms: 1100 }),
  chat('google/gemini-3.1-pro', 1771459200, 200, 1200, 1_048_576, {
    capabilities: vision,
    quality: 0.92,
    latency_ms: 1600,
  }),
  chat('meta/llama-4-maverick', 1743897600, 27, 85, 1_048_576, {
    capabilities: vision,
    quality: 0.76,
    latency_ms: 500,
  }),
  {
    id: 'black-forest-labs/flux-1-schnell',
    modality: 'image',
    created: 1722470400,
    unit: 'image',
    input_cents: 0.3,
    capabilities: ['text_to_image'],
  },
  {
    id: 'openai/gpt-image-1',
    modality: 'image',
    created: 1745366400,
    unit: 'image',
    input_cents: 4,
    capabilities: ['text_to_image'],
  },
  {
    id: 'runwayml/gen-4',
    modality: 'video',
    created: 1743465600,
    unit: 'second',
    input_cents: 5,
    capabilities: ['async', 'text_to_video', 'image_to_video'],
  },
  {
    id: 'google/veo-3',
    modality: 'video',
    created: 1747785600,
    unit: 'second',
    input_cents: 40,
    capabilities: ['async', 'text_to_video', 'audio'],
  },
  {
    id: 'suno/v5',
    modality: 'music',
    created: 1758499200,
    unit: 'second',
    input_cents: 0.2,
    capabilities: ['async', 'lyrics', 'instrumental'],
  },
  {
    id: 'stabilityai/stable-fast-3d',
    modality: '3d',
    created: 1722297600,
    unit: 'asset',
    input_cents: 5,
    capabilities: ['async', 'image_to_3d', 'text_to_3d'],
  },
  {
    id: 'openai/whisper-large-v3-turbo',
    modality: 'transcription',
    created: 1727740800,
    unit: 'minute',
    input_cents: 0.05,
    capabilities: ['timestamps', 'language_detection'],
  },
  {
    id: 'deepgram/aura-2-en',
    modality: 'speech',
    created: 1744156800,
    unit: '1k_characters',
    input_cents: 3,
    capabilities: ['wav', 'mp3', 'pcm'],
  },
  {
    id: 'openai/gpt-4o-mini-tts',
    modality: 'speech',
    created: 1742515200,
    unit: '1k_characters',
    input_cents: 1.5,
    capabilities: ['wav', 'mp3', 'pcm'],
  },
  {
    id: 'baai/bge-m3',
    modality: 'embedding',
    created: 1706659200,
    unit: '1m_tokens',
    input_cents: 1.2,
    dimensions: 1024,
    capabilities: ['multilingual'],
  },
  {
    id: 'openai/text-embedding-3-small',
    modality: 'embedding',
    created: 1705968000,
    unit: '1m_tokens',
    input_cents: 2,
    dimensions: 1536,
    capabilities: ['dimensions'],
  },
  {
    id: 'meta/llama-guard-3-8b',
    modality: 'moderation',
    created: 1721779200,
    unit: '1m_tokens',
    input_cents: 48,
    capabilities: [],
  },
  {
    id: 'meta/m2m100-1.2b',
    modality: 'translation',
    created: 1634515200,
    unit: '1m_tokens',
    input_cents: 34,
    capabilities: ['multilingual'],
  },
  {
    id: 'huggingface/distilbert-sst-2',
    modality: 'classification',
    created: 1572566400,
    unit: '1m_tokens',
    input_cents: 2.6,
    capabilities: ['sentiment', 'zero_shot'],
  },
  {
    id: 'microsoft/trocr-base-printed',
    modality: 'ocr',
    created: 1632873600,
    unit: 'request',
    input_cents: 0.1,
    capabilities: [],
  },
  {
    id: 'facebook/detr-resnet-50',
    modality: 'detection',
    created: 1590969600,
    unit: 'request',
    input_cents: 0.1,
    capabilities: [],
  },
  {
    id: 'baai/bge-reranker-base',
    modality: 'rerank',
    created: 1694649600,
    unit: '1m_tokens',
    input_cents: 1,
    capabilities: [],
  },
];

/**
 * Floating names and the pinned version each currently resolves to. No prototype: it is indexed by
 * a request's `model`, and `__proto__` or `constructor` must be no floating name.
 */
export const floating: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  'anthropic/claude-sonnet': 'anthropic/claude-sonnet-4.6',
  'anthropic/claude-opus': 'anthropic/claude-opus-4.7',
  'openai/gpt-5': 'openai/gpt-5.4',
  'google/gemini-pro': 'google/gemini-3.1-pro',
});

/** The endpoint serving each modality (the contract's operation for it). */
export const endpointOf = Object.fromEntries(
  Object.entries(modalities).map(([modality, operationId]) => [modality, operations[operationId].path]),
) as Record<Modality, string>;
