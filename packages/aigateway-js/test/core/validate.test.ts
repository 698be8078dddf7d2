import { describe, expect, it } from 'vitest';
import { array, number, object, oneOf, optional, string } from '../../src/core/checks.js';
import { InputValidationError } from '../../src/core/errors.js';
import { validate } from '../../src/core/validate.js';

const schema = object({
  model: string({ nonEmpty: true }),
  messages: array({ min: 1 }),
  cap: optional(number({ integer: true, min: 0 })),
  metric: optional(oneOf(['quality', 'cost'])),
  month: optional(string({ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be YYYY-MM, e.g. 2026-04' })),
});

function issues(value: unknown): string[] {
  try {
    validate(schema, value, 'test.method');
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toMatch(/^Invalid parameters for test\.method: .+\. Fix them/);
    return (error as InputValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe('validate', () => {
  it('passes valid input, including unknown extra fields', () => {
    expect(issues({ model: 'a/b', messages: [{}], extra: true })).toEqual([]);
  });

  it('names every bad field with what to fix', () => {
    expect(issues({ messages: [], cap: -1, metric: 'speed', month: '2026-13' })).toEqual([
      'model: is required',
      'messages: must have at least 1 item',
      'cap: must be ≥ 0',
      'metric: must be one of "quality", "cost"',
      'month: must be YYYY-MM, e.g. 2026-04',
    ]);
    expect(issues({ model: '', messages: 'hi', cap: 1.5 })).toEqual([
      'model: must not be empty',
      'messages: must be an array, got string',
      'cap: must be an integer, got a fraction',
    ]);
  });

  it('explains a missing parameter object', () => {
    expect(issues(undefined)).toEqual([': expected an object of parameters, got undefined']);
    expect(issues([])).toEqual([': expected an object of parameters, got an array']);
  });
});
