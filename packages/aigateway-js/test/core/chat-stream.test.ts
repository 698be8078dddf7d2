import { describe, expect, it } from 'vitest';
import { ChatCompletionStream } from '../../src/core/chat-stream.js';
import { resolveConfig } from '../../src/core/config.js';
import { APIUserAbortError, StreamInterruptedError } from '../../src/core/errors.js';
import type { RawResponse } from '../../src/core/request.js';

// Accumulation over SSE bytes built here; the same flows over HTTP are in test/resources/chat.test.ts.
const base = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_776_000_000,
  model: 'openai/gpt-5.4',
};
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } })}\n\n`;

function stream(parts: string[], end = true): ChatCompletionStream {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      if (end) controller.close();
    },
  });
  const raw: RawResponse = {
    response: new Response(body),
    requestId: 'req_0123456789abcdef01234567',
    controller: new AbortController(),
    release: () => undefined,
    mapError: (e) => e as Error,
    spec: { method: 'POST', path: '/chat/completions' },
    config: resolveConfig({ apiKey: 'sk-aig-chat-stream-0000' }),
  };
  return new ChatCompletionStream(raw, { messages: [{ role: 'user', content: 'x'.repeat(40) }] });
}

describe('ChatCompletionStream', () => {
  it('assembles content, finish reason and the reported usage', async () => {
    const s = stream([
      chunk({ role: 'assistant', content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      usageChunk,
      'data: [DONE]\n\n',
    ]);
    const completion = await s.finalChatCompletion();
    expect(completion).toMatchObject({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: 'openai/gpt-5.4',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    expect(await s.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });

  it('is lenient: unknown fields and new enum values pass through untouched', async () => {
    const novel = `data: ${JSON.stringify({ ...base, brand_new: { x: 1 }, choices: [{ index: 0, delta: { content: 'ok', audio: 'x' }, finish_reason: 'paused_for_tool' }] })}\n\n`;
    const s = stream([novel, 'data: [DONE]\n\n']);
    const chunks: unknown[] = [];
    for await (const c of s) chunks.push(c);
    expect(chunks[0]).toMatchObject({
      brand_new: { x: 1 },
      choices: [{ delta: { audio: 'x' }, finish_reason: 'paused_for_tool' }],
    });
  });

  it('assembles tool calls streamed in pieces', async () => {
    const s = stream([
      chunk({
        role: 'assistant',
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ]);
    const { choices } = await s.finalChatCompletion();
    expect(choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('still resolves usage, estimated, when the consumer stops early', async () => {
    const s = stream([chunk({ content: 'x'.repeat(20) }), chunk({ content: 'more' })], false);
    for await (const _ of s) break;
    expect(await s.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      estimated: true,
    });
    await expect(s.finalChatCompletion()).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('resolves usage when the stream is cut, and exposes the partial content', async () => {
    const s = stream([chunk({ content: 'Partial ' }), chunk({ content: 'answer' })]);
    const error = await s.finalChatCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partial.content).toBe('Partial answer');
    expect((await s.usage).estimated).toBe(true);
  });

  it('a long cut stream: partial content and tool calls cover all of it, partial.chunks the last 64', async () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i} `);
    const s = stream([
      chunk({
        role: 'assistant',
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'log', arguments: '{"a":' } },
        ],
      }),
      ...words.map((w) => chunk({ content: w })),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
    ]);
    const error = await s.finalChatCompletion().catch((e: unknown) => e);
    const { partial } = error as StreamInterruptedError;
    expect(partial.content).toBe(words.join(''));
    expect(partial.toolCalls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'log', arguments: '{"a":1}' } },
    ]);
    expect(partial.chunks).toHaveLength(64);
    expect(partial.chunks[0]).toMatchObject({ choices: [{ delta: { content: 'w937 ' } }] });
  });

  it('assembles a long message exactly (content appended in blocks)', async () => {
    const pieces = Array.from({ length: 777 }, (_, i) => `${i}é `);
    const s = stream([...pieces.map((p) => chunk({ content: p })), chunk({}, 'stop'), 'data: [DONE]\n\n']);
    const completion = await s.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe(pieces.join(''));
  });

  it('finalChatCompletion waits for a consumer that is already iterating', async () => {
    const s = stream([chunk({ content: 'a' }), chunk({ content: 'b' }, 'stop'), 'data: [DONE]\n\n']);
    const seen: string[] = [];
    const consuming = (async () => {
      for await (const c of s) seen.push(c.choices[0]?.delta.content ?? '');
    })();
    const [completion] = await Promise.all([s.finalChatCompletion(), consuming]);
    expect(completion.choices[0]?.message.content).toBe('ab');
    expect(seen).toEqual(['a', 'b']);
  });
});
