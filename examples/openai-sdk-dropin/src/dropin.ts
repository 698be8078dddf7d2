import OpenAI, { toFile } from 'openai';
import type { DropinConfig } from './config.js';

/** What one run produced, per modality. */
export interface DropinResult {
  chat: { model: string; text: string; chunks: number; totalTokens: number | null };
  embeddings: { model: string; vectors: number; dimensions: number };
  image: { model: string; png: Uint8Array };
  speech: { model: string; input: string; wav: Uint8Array };
  transcription: { model: string; text: string };
}

export interface DropinOptions {
  /** Called with each streamed piece of the chat answer (e.g. to print it as it arrives). */
  onDelta?: (text: string) => void;
  prompt?: string;
}

/** The official `openai` client, pointed at AIgateway: only the base URL, key and a tag header change. */
export function createClient(config: DropinConfig): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    defaultHeaders: { 'x-aig-tag': config.tag },
  });
}

/**
 * One call per OpenAI-compatible modality: a streamed chat, embeddings, an image, speech, and a
 * transcription of that speech.
 */
export async function runDropin(config: DropinConfig, options: DropinOptions = {}): Promise<DropinResult> {
  const client = createClient(config);
  const { models } = config;

  const stream = await client.chat.completions.create({
    model: models.chat,
    messages: [
      {
        role: 'user',
        content: options.prompt ?? 'In one sentence: why route every AI modality through one gateway?',
      },
    ],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let totalTokens: number | null = null;
  for await (const chunk of stream) {
    chunks += 1;
    const delta = chunk.choices[0]?.delta.content ?? '';
    text += delta;
    if (delta) options.onDelta?.(delta);
    // The last chunk (with `choices: []`) carries the usage of the whole answer.
    if (chunk.usage) totalTokens = chunk.usage.total_tokens;
  }

  const embedded = await client.embeddings.create({
    model: models.embedding,
    input: ['an invoice from March', 'a receipt for a train ticket'],
  });

  const image = await client.images.generate({
    model: models.image,
    prompt: 'a lighthouse at dusk, watercolor',
    response_format: 'b64_json',
  });
  const b64 = image.data?.[0]?.b64_json;
  if (!b64) throw new Error(`${models.image} returned no image data.`);

  const spoken = 'Every modality, one base URL.';
  const speech = await client.audio.speech.create({
    model: models.speech,
    input: spoken,
    voice: config.voice,
    response_format: 'wav',
  });
  const wav = new Uint8Array(await speech.arrayBuffer());

  const transcription = await client.audio.transcriptions.create({
    model: models.transcription,
    file: await toFile(wav, 'speech.wav', { type: 'audio/wav' }),
  });

  return {
    chat: { model: models.chat, text, chunks, totalTokens },
    embeddings: {
      model: models.embedding,
      vectors: embedded.data.length,
      dimensions: embedded.data[0]?.embedding.length ?? 0,
    },
    image: { model: models.image, png: Buffer.from(b64, 'base64') },
    speech: { model: models.speech, input: spoken, wav },
    transcription: { model: models.transcription, text: transcription.text },
  };
}
