import { describe, expect, it } from 'vitest';
import { headerReader } from '../../src/webhooks/header-reader.js';

describe('headerReader on a plain object', () => {
  it('matches names in any case and joins repeats in key order, as Node and Fetch join them', () => {
    const read = headerReader({
      'X-Aig-Attempt': '1',
      'x-aig-attempt': ['2', '3'],
      'X-AIG-ATTEMPT': 4,
      'x-aig-attemp': 'not this one',
      'x-aig-attempts': 'nor this one',
    });
    expect(read('x-aig-attempt')).toBe('1, 2, 3, 4');
  });

  it('ignores values that are not header values and reports an absent header as undefined', () => {
    const read = headerReader({ 'x-aig-attempt': undefined, 'x-aig-delivery-id': { id: 1 } } as never);
    expect(read('x-aig-attempt')).toBeUndefined();
    expect(read('x-aig-delivery-id')).toBeUndefined();
    expect(read('x-aig-signature')).toBeUndefined();
  });
});
