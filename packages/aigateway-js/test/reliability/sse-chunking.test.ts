import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lfOrCrlf, parse, split, sseEvent, wire } from './sse-wire.js';

// The SDK's `Stream` fed from a ReadableStream of arbitrary chunks: however the same bytes are cut
// (inside a multi-byte character, between \r and \n, into single bytes), the events are the same.
const RUNS = 1_000;

describe('SSE parsing is independent of how the bytes are chunked (fast-check)', () => {
  it(`yields identical events for every split of the same stream, LF and CRLF line endings (${RUNS} streams)`, async () => {
    let multiByteSplits = 0;
    let crlfSplits = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(sseEvent, { minLength: 1, maxLength: 6 }),
        lfOrCrlf,
        fc.array(fc.nat(), { maxLength: 40 }),
        async (events, endings, cuts) => {
          const { bytes, expected } = wire(events, endings);
          const pieces = split(bytes, cuts);
          for (const piece of pieces.slice(0, -1)) {
            const last = piece.at(-1);
            if (last !== undefined && last >= 0x80) multiByteSplits += 1;
            if (last === 0x0d) crlfSplits += 1;
          }
          expect(await parse(pieces)).toEqual(expected);
          expect(await parse([bytes])).toEqual(expected);
          expect(await parse(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
    // The generator did exercise the hard cases, not only cuts between ASCII characters.
    expect(multiByteSplits).toBeGreaterThan(RUNS / 10);
    expect(crlfSplits).toBeGreaterThan(RUNS / 10);
  });
});
