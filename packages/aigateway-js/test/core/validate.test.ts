import { describe, expect, it } from 'vitest';
import { SchemaCompiler } from '../../src/core/checks.js';
import { InputValidationError } from '../../src/core/errors.js';
import { validate } from '../../src/core/validate.js';

const { check } = new SchemaCompiler({}).compile({
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1 },
    messages: { type: 'array', minItems: 1 },
    cap: { type: 'integer', minimum: 0 },
    metric: { enum: ['quality', 'cost'] },
  },
});

function issues(value: unknown): string[] {
  try {
    validate(check, value, 'test.method');
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

  it('names every bad field with what the contract takes', () => {
    expect(issues({ messages: [], cap: -1, metric: 'speed' })).toEqual([
      'model: is required',
      'messages: must have at least 1 item, got 0',
      'cap: must be an integer ≥ 0, got -1',
      'metric: must be one of "quality", "cost", got "speed"',
    ]);
  });

  it('explains a missing parameter object', () => {
    expect(issues(undefined)).toEqual([': must be an object, got undefined']);
    expect(issues([])).toEqual([': must be an object, got an array of 0']);
  });
});
