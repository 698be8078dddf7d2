import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { APIError, StreamInterruptedError } from '../../src/core/errors.js';
import type { RawResponse } from '../../src/core/request.js';
import { Stream } from '../../src/core/streaming.js';
import { expectErrorFields, type ExpectedFields } from './error-fields.js';
import { loadVectors } from './vectors.js';

interface SseCase {
  name: string;
  stream: string;
  cuts?: number[];
  max_event_bytes?: number;
  expect: {
    events: unknown[];
    end: 'done' | 'interrupted' | 'error';
    error?: { class: string; status: number } & ExpectedFields;
  };
}

const { cases } = loadVectors<SseCase>('sse.json');
const configFor = (c: SseCase) =>
  resolveConfig({
    apiKey: 'sk-aig-conformance-sse-0000',
    streamIdleTimeout: 5_000,
    ...(c.max_event_bytes === undefined ? {} : { streamMaxEventBytes: c.max_event_bytes }),
  });

/** Cuts `bytes` at the given offsets. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at)].filter((p) => p > 0 && p < bytes.length).sort((a, b) => a - b);
  return [0, ...points].map((from, i) => bytes.slice(from, points[i] ?? bytes.length));
}

type Outcome = { events: unknown[]; end: 'done' | 'interrupted' | 'error'; error?: unknown };

async function run(pieces: Uint8Array[], config: ReturnType<typeof resolveConfig>): Promise<Outcome> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  const raw: RawResponse = {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    requestId: undefined,
    controller: new AbortController(),
    release: () => undefined,
    mapError: (error) => error as Error,
    spec: { method: 'POST', path: '/chat/completions', stream: true },
    config,
  };
  const events: unknown[] = [];
  try {
    for await (const event of new Stream<unknown>(raw)) events.push(event);
    return { events, end: 'done' };
  } catch (error) {
    if (error instanceof APIError) return { events, end: 'error', error };
    if (error instanceof StreamInterruptedError) return { events, end: 'interrupted', error };
    throw error;
  }
}

/** Every chunking the README asks for: whole, byte by byte, each two-way cut, and the case's cuts. */
function chunkings(c: SseCase): [string, Uint8Array[]][] {
  const bytes = new TextEncoder().encode(c.stream);
  const out: [string, Uint8Array[]][] = [
    ['whole', [bytes]],
    ['one byte per chunk', Array.from(bytes, (b) => Uint8Array.of(b))],
  ];
  if (c.cuts) out.push([`cut at ${c.cuts.join(',')}`, cut(bytes, c.cuts)]);
  for (let i = 1; i < bytes.length; i++) out.push([`cut at ${i}`, cut(bytes, [i])]);
  return out;
}

describe('conformance: sse.json', () => {
  it.each(cases)('$name', async (c) => {
    const config = configFor(c);
    for (const [how, pieces] of chunkings(c)) {
      const outcome = await run(pieces, config);
      expect({ events: outcome.events, end: outcome.end }, how).toEqual({
        events: c.expect.events,
        end: c.expect.end,
      });
      if (c.expect.end === 'error' && c.expect.error) {
        const { class: name, ...fields } = c.expect.error;
        expect((outcome.error as Error).constructor.name, how).toBe(name);
        expectErrorFields(outcome.error as APIError, fields);
      }
    }
  });
});
