import { describe, expect, it } from 'vitest';
import { TextBuffer } from '../../src/internal/text-buffer.js';

describe('TextBuffer', () => {
  it.each([0, 1, 255, 256, 257, 512, 1000])('gives back %i appended pieces in order', (count) => {
    const buffer = new TextBuffer();
    const pieces = Array.from({ length: count }, (_, i) => `${i},`);
    for (const piece of pieces) buffer.append(piece);
    expect(buffer.toString()).toBe(pieces.join(''));
    expect(buffer.toString()).toBe(pieces.join(''));
  });

  it('can be read while appending continues', () => {
    const buffer = new TextBuffer();
    let expected = '';
    for (let i = 0; i < 600; i++) {
      buffer.append(String.fromCharCode(97 + (i % 26)));
      expected += String.fromCharCode(97 + (i % 26));
      if (i % 97 === 0) expect(buffer.toString()).toBe(expected);
    }
    expect(buffer.toString()).toBe(expected);
  });
});
