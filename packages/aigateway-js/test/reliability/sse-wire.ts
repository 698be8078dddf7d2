// Generators for server-sent event streams as bytes on the wire, and the SDK's `Stream` fed from
// a ReadableStream of any chunking of those bytes.
import fc from 'fast-check';
import { resolveConfig } from '../../src/core/config.js';
import type { RawResponse } from '../../src/core/request.js';
import { Stream } from '../../src/core/streaming.js';

const encoder = new TextEncoder();
const config = resolveConfig({ apiKey: 'sk-aig-sse-property-0000', streamIdleTimeout: 5_000 });

export type Payload = { i: number; text: string; parts: string[] };

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('é', '✓', '€', '😀', '𝄞', '中', 'a', ' ', ':', '\n', '\r'),
    maxLength: 12,
  }),
);

/** One SSE event as it may appear on the wire: a comment before it, an event name, an id, one or several data lines. */
export const sseEvent = fc.record({
  payload: fc.record({ text, parts: fc.array(text, { maxLength: 3 }) }),
  multiline: fc.boolean(),
  name: fc.constantFrom(undefined, 'message', 'chunk'),
  id: fc.option(fc.nat(), { nil: undefined }),
  comment: fc.constantFrom(undefined, ': keep-alive', ':'),
});
export type SseEvent = typeof sseEvent extends fc.Arbitrary<infer T> ? T : never;

/** Picks the line ending of each successive line. */
export type Endings = () => string;

/** Lines ended by \n and \r\n in any mix. */
export const lfOrCrlf: fc.Arbitrary<Endings> = fc
  .array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 8 })
  .map((list) => {
    let n = 0;
    return () => list[n++ % list.length] as string;
  });

/** The stream's bytes (events, then `data: [DONE]`) and the payloads it must decode to. */
export function wire(events: SseEvent[], nextEnding: Endings): { bytes: Uint8Array; expected: Payload[] } {
  const lines: string[] = [];
  const expected: Payload[] = [];
  events.forEach(({ payload, multiline, name, id, comment }, i) => {
    const data: Payload = { i, ...payload };
    expected.push(data);
    if (comment !== undefined) lines.push(comment, '');
    if (name !== undefined) lines.push(`event: ${name}`);
    if (id !== undefined) lines.push(`id: ${id}`);
    // Pretty-printed JSON spread over several `data:` lines is rejoined with \n: still the same JSON.
    for (const line of JSON.stringify(data, null, multiline ? 1 : undefined).split('\n'))
      lines.push(`data: ${line}`);
    lines.push('');
  });
  lines.push('data: [DONE]', '');
  return { bytes: encoder.encode(lines.map((line) => line + nextEnding()).join('')), expected };
}

/** Cuts `bytes` at the given offsets (taken modulo the length; duplicates give no empty piece). */
export function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    pieces.push(bytes.slice(from, to));
    from = to;
  }
  return pieces;
}

/** Everything the SDK's `Stream` yields for a body delivered in `pieces`. */
export async function parse(pieces: Uint8Array[]): Promise<unknown[]> {
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
  const out: unknown[] = [];
  for await (const chunk of new Stream<unknown>(raw)) out.push(chunk);
  return out;
}
