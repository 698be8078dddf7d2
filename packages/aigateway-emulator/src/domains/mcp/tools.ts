import { z } from 'zod';

const model = (example: string) =>
  z.string().min(1).describe(`Model slug, e.g. ${example} (see list_models).`);
const text = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(z.record(z.string(), z.unknown()))]),
});

/** One MCP tool per capability: its HTTP call and arguments (which mirror that endpoint's body). */
export interface ToolSpec {
  name: string;
  description: string;
  shape: z.ZodRawShape;
  method: 'GET' | 'POST';
  path: string | ((args: Record<string, unknown>) => string);
}

export const toolSpecs: ToolSpec[] = [
  {
    name: 'chat',
    description: 'Chat with any chat model (Claude, GPT, Kimi, Gemini, Llama…). Returns the assistant reply.',
    shape: {
      model: model('anthropic/claude-opus-4.7'),
      messages: z.array(message).min(1),
      max_tokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(2).optional(),
    },
    method: 'POST',
    path: '/v1/chat/completions',
  },
  {
    name: 'embed',
    description: 'Embed one or many texts as vectors.',
    shape: { model: model('baai/bge-m3'), input: text },
    method: 'POST',
    path: '/v1/embeddings',
  },
  {
    name: 'generate_image',
    description: 'Generate an image from a prompt; returns signed image URLs.',
    shape: {
      model: model('black-forest-labs/flux-1-schnell'),
      prompt: z.string().min(1),
      size: z.string().optional(),
    },
    method: 'POST',
    path: '/v1/images/generations',
  },
  {
    name: 'generate_video',
    description: 'Start a video generation (async); returns the queued job. Poll it with get_job.',
    shape: {
      model: model('runwayml/gen-4'),
      prompt: z.string().min(1),
      duration: z.number().int().min(1).max(60).optional(),
      aspect_ratio: z.string().optional(),
      webhook_url: z.string().optional(),
    },
    method: 'POST',
    path: '/v1/videos/generations',
  },
  {
    name: 'generate_music',
    description: 'Start a music generation (async); returns the queued job. Poll it with get_job.',
    shape: {
      model: model('suno/v5'),
      prompt: z.string().min(1),
      duration: z.number().int().min(5).max(600).optional(),
      lyrics: z.string().optional(),
      instrumental: z.boolean().optional(),
    },
    method: 'POST',
    path: '/v1/audio/music',
  },
  {
    name: 'generate_3d',
    description: 'Start a 3D asset generation from a prompt and/or image (async); returns the queued job.',
    shape: {
      model: model('stabilityai/stable-fast-3d'),
      prompt: z.string().optional(),
      image: z.string().optional(),
      format: z.enum(['glb', 'obj']).optional(),
    },
    method: 'POST',
    path: '/v1/3d/generations',
  },
  {
    name: 'transcribe',
    description: 'Transcribe audio (audio_url, or base64 audio) to text.',
    shape: {
      model: model('openai/whisper-large-v3-turbo'),
      audio_url: z.string().optional(),
      audio: z.string().optional(),
      language: z.string().optional(),
    },
    method: 'POST',
    path: '/v1/audio/transcriptions',
  },
  {
    name: 'speak',
    description: 'Turn text into speech; returns base64 audio.',
    shape: {
      model: model('deepgram/aura-2-en'),
      input: z.string().min(1),
      voice: z.string().min(1),
      response_format: z.enum(['wav', 'mp3', 'pcm']).optional(),
    },
    method: 'POST',
    path: '/v1/audio/speech',
  },
  {
    name: 'moderate',
    description: 'Check text against the moderation categories.',
    shape: { model: model('meta/llama-guard-3-8b').optional(), input: text },
    method: 'POST',
    path: '/v1/moderations',
  },
  {
    name: 'translate',
    description: 'Translate text into another language.',
    shape: {
      model: model('meta/m2m100-1.2b'),
      input: text,
      target_language: z.string().min(2),
      source_language: z.string().optional(),
    },
    method: 'POST',
    path: '/v1/translations',
  },
  {
    name: 'classify',
    description: 'Classify text (sentiment by default, or your labels).',
    shape: {
      model: model('huggingface/distilbert-sst-2'),
      input: text,
      labels: z.array(z.string().min(1)).optional(),
    },
    method: 'POST',
    path: '/v1/classifications',
  },
  {
    name: 'ocr',
    description: 'Read the text in an image (URL, data URL or base64).',
    shape: { model: model('microsoft/trocr-base-printed'), image: z.string().min(1) },
    method: 'POST',
    path: '/v1/ocr',
  },
  {
    name: 'detect',
    description: 'Detect objects in an image (URL, data URL or base64).',
    shape: {
      model: model('facebook/detr-resnet-50'),
      image: z.string().min(1),
      threshold: z.number().min(0).max(1).optional(),
    },
    method: 'POST',
    path: '/v1/detections',
  },
  {
    name: 'rerank',
    description: 'Order documents by relevance to a query.',
    shape: {
      model: model('baai/bge-reranker-base'),
      query: z.string().min(1),
      documents: z.array(z.string()).min(1),
      top_n: z.number().int().min(1).optional(),
    },
    method: 'POST',
    path: '/v1/rerank',
  },
  {
    name: 'list_models',
    description: 'List the model catalog, optionally one modality (chat, image, video, …).',
    shape: { modality: z.string().optional() },
    method: 'GET',
    path: '/v1/models',
  },
  {
    name: 'get_job',
    description: 'Get the current snapshot of an async job (video, music, 3D).',
    shape: { id: z.string().min(1) },
    method: 'GET',
    path: (args) => `/v1/jobs/${encodeURIComponent(String(args.id))}`,
  },
];
