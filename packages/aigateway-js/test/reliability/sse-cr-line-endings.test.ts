import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, split, sseEvent, wire } from './sse-wire.js';

// A lone \r is a valid SSE line ending (WHATWG HTML § 9.2.5, "end-of-line"). The stream must end
// cleanly at `data: [DONE]` however it is chunked.
const encoder = new TextEncoder();

describe('SSE streams whose lines end in a lone \\r', () => {
  it('end cleanly at [DONE] (smallest case)', async () => {
    const bytes = encoder.encode('data: {"i":0}\r\rdata: [DONE]\r\r');
    expect(await parse([bytes])).toEqual([{ i: 0 }]);
  });

  it('yield identical events for every split (fast-check, 300 streams)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sseEvent, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (events, cuts) => {
          const { bytes, expected } = wire(events, () => '\r');
          expect(await parse(split(bytes, cuts))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
