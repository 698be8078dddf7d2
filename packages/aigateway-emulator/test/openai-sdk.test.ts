import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng } from '../src/media/png.js';
import { startGateway, type TestGateway } from './helpers.js';

let gw: TestGateway;
let openai: OpenAI;
beforeAll(async () => {
  gw = await startGateway();
  openai = new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey, maxRetries: 0 });
});
afterAll(() => gw.close());

describe('the official openai package works unchanged', () => {
  it('lists models', async () => {
    const ids: string[] = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    expect(ids).toContain('anthropic/claude-opus-4.7');
    expect(ids).toContain('anthropic/claude-sonnet');
    const one = await openai.models.retrieve('openai/gpt-5.4');
    expect(one.id).toBe('openai/gpt-5.4');
  });

  it('creates a chat completion', async () => {
    const res = await openai.chat.completions.create({
      model: 'anthropic/claude-sonnet',
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    expect(res.model).toBe('anthropic/claude-sonnet-4.6');
    expect(res.choices[0]?.message.content).toContain('Say hi');
    expect(res.usage?.total_tokens).toBe(
      (res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0),
    );
  });

  it('streams a chat completion with usage, and the text matches the non-streamed one', async () => {
    const body = {
      model: 'moonshot/kimi-k2.6',
      messages: [{ role: 'user' as const, content: 'Write a haiku about routers' }],
    };
    const full = await openai.chat.completions.create(body);
    const stream = await openai.chat.completions.create({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(full.choices[0]?.message.content);
    expect(usage?.completion_tokens).toBe(full.usage?.completion_tokens);
  });

  it('returns tool calls with arguments generated from the schema', async () => {
    const res = await openai.chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: "What's the weather in Paris?" }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
              required: ['city'],
            },
          },
        },
      ],
    });
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
      unit: 'c',
    });
  });

  it('embeds (the SDK asks for base64 and decodes it)', async () => {
    const res = await openai.embeddings.create({
      model: 'baai/bge-m3',
      input: ['the cat sat', 'the cat sat on the mat'],
    });
    const [a, b] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(1024);
    const norm = Math.sqrt(a!.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    const floats = await openai.embeddings.create({
      model: 'baai/bge-m3',
      input: 'the cat sat',
      encoding_format: 'float',
    });
    expect(floats.data[0]!.embedding[0]).toBeCloseTo(a![0]!, 6);
    expect(b).not.toEqual(a);
  });

  it('generates images as b64_json and as URLs', async () => {
    const b64 = await openai.images.generate({
      model: 'black-forest-labs/flux-1-schnell',
      prompt: 'a lighthouse at dawn',
      size: '64x64',
      response_format: 'b64_json',
    });
    const png = readPng(Buffer.from(b64.data?.[0]?.b64_json ?? '', 'base64'));
    expect(png).toMatchObject({ width: 64, height: 64, text: { prompt: 'a lighthouse at dawn' } });
    const url = await openai.images.generate({
      model: 'openai/gpt-image-1',
      prompt: 'a lighthouse',
      size: '32x32',
    });
    const file = await fetch(url.data?.[0]?.url ?? '');
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(readPng(new Uint8Array(await file.arrayBuffer()))?.text.prompt).toBe('a lighthouse');
  });

  it('speaks, and transcribing the speech returns the text', async () => {
    for (const format of ['wav', 'mp3'] as const) {
      const speech = await openai.audio.speech.create({
        model: 'deepgram/aura-2-en',
        voice: 'thalia',
        input: 'Welcome to the emulator.',
        response_format: format,
      });
      const bytes = Buffer.from(await speech.arrayBuffer());
      const text = await openai.audio.transcriptions.create({
        model: 'openai/whisper-large-v3-turbo',
        file: await toFile(bytes, `speech.${format}`),
      });
      expect(text.text).toBe('Welcome to the emulator.');
    }
    const verbose = await openai.audio.transcriptions.create({
      model: 'openai/whisper-large-v3-turbo',
      file: await toFile(
        Buffer.from(
          await (
            await openai.audio.speech.create({
              model: 'openai/gpt-4o-mini-tts',
              voice: 'alloy',
              input: 'One. Two.',
              response_format: 'wav',
            })
          ).arrayBuffer(),
        ),
        'a.wav',
      ),
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(verbose.segments?.map((s) => s.text)).toEqual(['One.', 'Two.']);
    expect(verbose.words?.map((w) => w.word)).toEqual(['One.', 'Two.']);
  });

  it('moderates', async () => {
    const res = await openai.moderations.create({
      model: 'meta/llama-guard-3-8b',
      input: ['I will kill you', 'Have a nice day'],
    });
    expect(res.results.map((r) => r.flagged)).toEqual([true, false]);
    expect(res.results[0]?.categories.violence).toBe(true);
  });

  it('surfaces the error envelope as OpenAI errors', async () => {
    const err = await openai.chat.completions
      .create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).message).toContain('openai/gpt-5.4');
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);
  });
});
