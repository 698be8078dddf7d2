// The SDK's own event-stream parser must read every stream as eventsource-parser (which it
// replaced) does: the same events with the same types, however the text is cut, and the same
// moments of progress (an event or a comment), which reset the stream's size guard — except that a
// line ended by a lone \r is complete at once rather than when the next read shows no \n follows.
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SSEParser } from '../../src/core/sse-parser.js';

interface Fed {
  events: [data: string, type: string | undefined][];
  progress: boolean[];
}

function reference(pieces: string[]): Fed {
  const out: Fed = { events: [], progress: [] };
  let progressed = false;
  const parser = createParser({
    onEvent: (event) => {
      out.events.push([event.data, event.event]);
      progressed = true;
    },
    onComment: () => {
      progressed = true;
    },
  });
  for (const piece of pieces) {
    progressed = false;
    parser.feed(piece);
    out.progress.push(progressed);
  }
  // eventsource-parser holds back a final lone \r (it could be half of \r\n); the SDK completed it
  // at the end of the body. SSEParser ends the line at once and skips a \n that follows.
  if (pieces.at(-1)?.endsWith('\r')) parser.feed('\n');
  return out;
}

function ours(pieces: string[]): Fed {
  const out: Fed = { events: [], progress: [] };
  const parser = new SSEParser();
  for (const piece of pieces) {
    out.progress.push(parser.feed(piece));
    for (let i = 0; i < parser.count; i++) out.events.push([parser.data[i] as string, parser.types[i]]);
  }
  return out;
}

function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))]
    .filter((p) => p > 0)
    .sort((a, b) => a - b);
  return [0, ...points].map((from, i) => text.slice(from, points[i] ?? text.length)).filter(Boolean);
}

const value = fc.string({ unit: fc.constantFrom('a', ' ', ':', '{', '"', 'é', '\0'), maxLength: 6 });
const line = fc.oneof(
  value.map((v) => `data:${v}`),
  value.map((v) => `data: ${v}`),
  value.map((v) => `event:${v}`),
  value.map((v) => `event: ${v}`),
  value.map((v) => `id: ${v}`),
  fc.constantFrom('retry: 10', 'retry: x', 'data', 'event', 'dat', 'unknown: 1', ': keep-alive', ':', ''),
);
const stream = fc
  .tuple(
    fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 16 }),
    fc.constantFrom('', '\u00ef\u00bb\u00bf'),
  )
  .map(([lines, bom]) => bom + lines.map(([l, end]) => l + end).join(''));

describe('SSEParser', () => {
  it('reads every stream as eventsource-parser does, however it is cut (fast-check, 2000 streams)', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 8 }), (text, at) => {
        const pieces = cut(text, at);
        const [got, want] = [ours(pieces), reference(pieces)];
        expect(got.events).toEqual(want.events);
        // The same reads make progress, except that a line ended by a \r at the end of a read
        // counts in that read here, not in the next one.
        if (!pieces.some((piece) => piece.endsWith('\r'))) expect(got.progress).toEqual(want.progress);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the common `data: <json>\\n\\n` shape in one pass, events and types included', () => {
    const parser = new SSEParser();
    expect(parser.feed('data: {"a":1}\n\nevent: error\ndata: {"b":2}\n\ndata: [DO')).toBe(true);
    expect([parser.count, parser.data.slice(0, 2), parser.types.slice(0, 2)]).toEqual([
      2,
      ['{"a":1}', '{"b":2}'],
      [undefined, 'error'],
    ]);
    expect(parser.feed('NE]\r')).toBe(false);
    expect(parser.feed('\n\r\n')).toBe(true);
    expect([parser.count, parser.data[0]]).toEqual([1, '[DONE]']);
  });
});
