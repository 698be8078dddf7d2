import { describe, expect, it } from 'vitest';
import { KeyCache } from '../../src/webhooks/key-cache.js';

function counting() {
  const made: string[] = [];
  const create = (secret: string) => {
    made.push(secret);
    return { secret };
  };
  return { made, create };
}

describe('KeyCache', () => {
  it('creates a key once per secret', () => {
    const cache = new KeyCache<{ secret: string }>(4);
    const { made, create } = counting();
    const first = cache.get('a', create);
    expect(cache.get('a', create)).toBe(first);
    cache.get('b', create);
    expect(made).toEqual(['a', 'b']);
  });

  it('holds at most `max` keys, evicting the oldest first', () => {
    const cache = new KeyCache<{ secret: string }>(2);
    const { made, create } = counting();
    for (const secret of ['a', 'b', 'c', 'b', 'a']) cache.get(secret, create);
    // c evicted a; the second a evicted b.
    expect(made).toEqual(['a', 'b', 'c', 'a']);
    cache.get('c', create);
    expect(made).toHaveLength(4);
  });

  it('forgets a key only while it is still the cached one', () => {
    const cache = new KeyCache<{ secret: string }>(4);
    const { made, create } = counting();
    const stale = cache.get('a', create);
    cache.forget('a', stale);
    const fresh = cache.get('a', create);
    cache.forget('a', stale);
    expect(cache.get('a', create)).toBe(fresh);
    expect(made).toEqual(['a', 'a']);
  });
});
