import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatCompletionStream } from '../../src/core/chat-stream.js';
import { resolveConfig } from '../../src/core/config.js';
import { APIUserAbortError, StreamInterruptedError } from '../../src/core/errors.js';
import type { RawResponse } from '../../src/core/request.js';
import type { ChatCompletionChunk } from '../../src/index.js';
import { type Harness, startHarness } from '../helpers/emulator.js';

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
  it('a listener that throws on a chunk ends the stream with its error, reported to error and end', async () => {
    const s = stream([chunk({ content: 'a' }), chunk({ content: 'b' }), 'data: [DONE]\n\n']);
    const boom = new Error('listener failed');
    const seen: string[] = [];
    const events: unknown[] = [];
    s.on('content', (delta) => {
      if (delta === 'b') throw boom;
    })
      .on('error', (error) => events.push(error))
      .on('end', () => events.push('end'));
    const error = await (async () => {
      for await (const c of s) seen.push(c.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(seen).toEqual(['a']);
    expect(events).toEqual([boom, 'end']);
    expect(s.controller.signal.aborted).toBe(true);
    expect((await s.usage).estimated).toBe(true);
  });

  it('an end listener that throws: the last next() of the loop rejects with its error, after usage settled', async () => {
    const s = stream([chunk({ content: 'a' }, 'stop'), usageChunk, 'data: [DONE]\n\n']);
    const boom = new Error('end listener failed');
    s.on('end', () => {
      throw boom;
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of s) seen.push(c.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(seen).toEqual(['a', '']);
    expect(await s.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });
});

describe('ChatCompletionStream over the emulator (loopback)', () => {
  const model = 'openai/gpt-5.4';
  const messages = [{ role: 'user' as const, content: 'Tell me about gateways in a few words.' }];
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('the openai-style loop works through the usage chunk (choices: []) the SDK asks for', async () => {
    const stream = await gw.client().chat.completions.create({ model, messages, stream: true });
    let text = '';
    let last: ChatCompletionChunk | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      last = chunk;
    }
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
    expect(await stream.usage).toEqual(last?.usage);
  });

  it('tee() gives two streams that each see every chunk and assemble the same completion', async () => {
    const stream = await gw.client().chat.completions.create({ model, messages, stream: true });
    const [left, right] = stream.tee();
    expect(left).toBeInstanceOf(ChatCompletionStream);
    const leftText: string[] = [];
    const [, rightCompletion] = await Promise.all([
      (async () => {
        for await (const chunk of left) leftText.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      right.finalChatCompletion(),
    ]);
    expect(leftText.join('')).toBe(rightCompletion.choices[0]?.message.content);
    expect(await left.usage).toEqual(rightCompletion.usage);
    expect(rightCompletion.usage.estimated).toBeUndefined();
    expect(left.requestId).toBe(stream.requestId);
  });

  it('tee(): aborting one branch aborts both and closes the connection', async () => {
    const client = gw.client({ defaultHeaders: { 'x-aig-fault': 'stream-stall=2' } });
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    const [left, right] = stream.tee();
    const rightDone = right.done().catch((e: unknown) => e);
    const leftError = await (async () => {
      for await (const _ of left) left.abort('stop both');
    })().catch((e: unknown) => e);
    expect(leftError).toBeInstanceOf(APIUserAbortError);
    const error = await rightDone;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe('stop both');
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('toReadableStream() on a server, fromReadableStream() on the client: the same chunks, usage and completion', async () => {
    const client = gw.client();
    // "Your server": streams a completion to its caller as newline-delimited JSON.
    const server = createServer(async (_req, res) => {
      const upstream = await client.chat.completions.create({ model, messages, stream: true });
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const reader = upstream.toReadableStream().getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) res.write(read.value);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`);
      const stream = ChatCompletionStream.fromReadableStream(response.body as ReadableStream<Uint8Array>);
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      const completion = await stream.finalChatCompletion();
      expect(completion.choices[0]?.message.content).toBe(text);
      expect(text.length).toBeGreaterThan(0);
      // The usage chunk came through, so the figures are the gateway's, not an estimate.
      expect(completion.usage.estimated).toBeUndefined();
      expect(completion.usage.total_tokens).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('fromReadableStream(): abort() cancels the body; a cut body is a StreamInterruptedError with what arrived', async () => {
    const line = (content: string) =>
      `${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n`;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(line('Hel') + line('lo')));
      },
      cancel() {
        cancelled = true;
      },
    });
    const stream = ChatCompletionStream.fromReadableStream(body);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? '');
        if (seen.length === 2) stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['Hel', 'lo']);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(cancelled).toBe(true);

    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        // One line, then the connection drops (what a fetch body does when the server dies).
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode(line('partial')));
        else controller.error(new TypeError('terminated'));
      },
    });
    const cut = ChatCompletionStream.fromReadableStream(broken);
    const failure = await cut.finalChatCompletion().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StreamInterruptedError);
    expect((failure as StreamInterruptedError).partial.content).toBe('partial');
    expect((await cut.usage).estimated).toBe(true);
  });

  it('event callbacks: content deltas with snapshots, tool-call argument deltas, the final completion, end', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const events: string[] = [];
    const text = await gw.client().chat.completions.create({ model, messages, stream: true });
    let snapshot = '';
    text
      .on('content', (delta, soFar) => {
        snapshot += delta;
        expect(soFar).toBe(snapshot);
      })
      .on('content.done', (content) => events.push(`content.done:${content.length}`))
      .on('finalChatCompletion', (completion) => events.push(`final:${completion.choices[0]?.finish_reason}`))
      .once('chunk', () => events.push('first chunk'))
      .on('end', () => events.push('end'));
    await text.done();
    expect(events).toEqual(['first chunk', `content.done:${snapshot.length}`, 'final:stop', 'end']);
    expect((await text.finalChatCompletion()).choices[0]?.message.content).toBe(snapshot);

    const withTools = await gw.client().chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools,
      tool_choice: 'required',
      stream: true,
    });
    const deltas: string[] = [];
    const done: { name: string; arguments: string }[] = [];
    withTools.on('tool_calls.function.arguments.delta', (event) => {
      deltas.push(event.arguments_delta);
      expect(event.arguments).toBe(deltas.join(''));
    });
    withTools.on('tool_calls.function.arguments.done', ({ name, arguments: args }) =>
      done.push({ name, arguments: args }),
    );
    const final = await withTools.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(done).toEqual([{ name: 'get_weather', arguments: call?.function.arguments }]);
    expect(deltas.length).toBeGreaterThan(0);
    expect(JSON.parse(done[0]?.arguments ?? '{}')).toHaveProperty('city');
  });

  it('event callbacks: error and abort', async () => {
    const failing = await gw
      .client({ defaultHeaders: { 'x-aig-fault': 'stream-error=2' }, maxRetries: 0 })
      .chat.completions.create({ model, messages, stream: true });
    const seen: string[] = [];
    failing.on('error', (error) => seen.push(error.name)).on('end', () => seen.push('end'));
    await expect(failing.done()).rejects.toThrow();
    expect(seen).toEqual(['ProviderError', 'end']);

    const aborted = await gw.client().chat.completions.create({ model, messages, stream: true });
    const reasons: unknown[] = [];
    aborted.on('abort', (error) => reasons.push(error.cause));
    aborted.once('chunk', () => aborted.abort('user left'));
    await expect(aborted.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(reasons).toEqual(['user left']);
  });
});
