import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModel } from '../../../src/domains/catalog/catalog.js';
import { type ChatRequest, planChat } from '../../../src/domains/inference/generate/chat.js';
import { type StreamOptions, sseBody } from '../../../src/domains/inference/generate/chat-stream.js';
import { expectChunks, sseData, startGateway, type TestGateway } from '../../helpers.js';

const request: ChatRequest = {
  model: 'openai/gpt-5.4',
  messages: [{ role: 'user', content: 'one two three four five six' }],
};
const plan = planChat(request, resolveModel(request.model, 'chat'), () => undefined);
const base: StreamOptions = {
  id: 'chatcmpl-test',
  created: 1_776_000_000,
  model: request.model,
  includeUsage: true,
  keepaliveMs: 0,
};
const decoder = new TextDecoder();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

describe('sseBody with chunkDelayMs', () => {
  it('sends the same events as an unpaced stream', async () => {
    const paced = await readAll(sseBody(plan, { ...base, chunkDelayMs: 3 }));
    expect(paced).toBe(await readAll(sseBody(plan, base)));
    expect(sseData(paced).length).toBeGreaterThan(5);
  });

  it('produces nothing ahead of the reader, however long it idles between reads', async () => {
    let produced = 0;
    const reader = sseBody(plan, {
      ...base,
      chunkDelayMs: 2,
      streamError: {
        after: 2,
        payload: () => {
          produced += 1;
          return '{"error":{}}';
        },
      },
    }).getReader();
    const reads: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads.push(decoder.decode(value));
      if (reads.length === 1) {
        // Many pauses long: a stream that ran ahead would have produced its error event by now.
        await pause(40);
        expect(produced).toBe(0);
      }
    }
    expect(produced).toBe(1);
    expect(reads).toHaveLength(3);
    expect(reads.every((r) => /^data: [^\n]+\n\n$/.test(r))).toBe(true);
  });

  it('keeps sending keep-alives during the pauses between chunks', async () => {
    const text = await readAll(sseBody(plan, { ...base, keepaliveMs: 5, chunkDelayMs: 40 }));
    const firstData = text.indexOf('data: ');
    const lastData = text.lastIndexOf('data: ');
    expect(text.slice(firstData, lastData)).toContain(': keep-alive\n\n');
    expect(sseData(text).at(-1)).toBe('[DONE]');
  });

  it('stops when the client goes away during a pause: nothing more is produced', async () => {
    let failures = 0;
    const reader = sseBody(plan, {
      ...base,
      chunkDelayMs: 200,
      streamError: {
        after: 1,
        payload: () => {
          failures += 1;
          return '{"error":{}}';
        },
      },
    }).getReader();
    await reader.read();
    const pending = reader.read();
    await pause(20); // the stream is now inside its pause before the error event
    await reader.cancel();
    expect((await pending).done).toBe(true);
    await pause(300);
    expect(failures).toBe(0);
  });
});

describe('a gateway with streamChunkDelayMs', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ streamChunkDelayMs: 10 });
  });
  afterAll(() => gw.close());
  const chat = { model: 'anthropic/claude-sonnet-4.6', messages: request.messages, stream: true };
  const post = (fault?: string) =>
    gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: fault ? { 'x-aig-fault': fault } : {},
    });

  it('streams valid chunks to [DONE], and the openai SDK reads them unchanged', async () => {
    expect(expectChunks(await (await post()).text()).length).toBeGreaterThan(5);
    const openai = new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey, maxRetries: 0 });
    const stream = await openai.chat.completions.create(chat as OpenAI.ChatCompletionCreateParamsStreaming);
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(content).toContain('one two three four five six');
  });

  it('keeps stream-cut: N chunks, then a reset without [DONE]', async () => {
    const reader = (await post('stream-cut=2')).body!.getReader();
    let text = '';
    const err = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(sseData(text)).toHaveLength(2);
  });

  it('keeps stream-stall: N chunks, then silence', async () => {
    const reader = (await post('stream-stall=1')).body!.getReader();
    expect(sseData(decoder.decode((await reader.read()).value))).toHaveLength(1);
    const next = await Promise.race([reader.read().then(() => 'data'), pause(150).then(() => 'silence')]);
    expect(next).toBe('silence');
    await reader.cancel();
  });

  it('keeps stream-error: N chunks, then the error event, and a clean end', async () => {
    const data = sseData(await (await post('stream-error=2')).text());
    expect(data).toHaveLength(3);
    expect(JSON.parse(data[2]!).error.code).toBe('provider_error');
  });
});
