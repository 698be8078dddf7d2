import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/webhooks/hex.js';

describe('hex', () => {
  it('decodes every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe(Buffer.from(all).toString('hex'));
    expect(fromHex(toHex(all))).toEqual(all);
  });

  it('fromHex agrees with Buffer on any lowercase hex (what the header parser admits)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = Buffer.from(bytes).toString('hex');
        expect(fromHex(hex)).toEqual(new Uint8Array(Buffer.from(hex, 'hex')));
      }),
    );
  });
});
