// Cheap input checks before a request leaves (required fields, formats, ranges): a wrong call
// fails with InputValidationError naming every bad field instead of a round trip and a 400.
import type * as z from 'zod/mini';
import { type InputIssue, InputValidationError } from './errors.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** Throws `InputValidationError` unless `value` matches `schema`. */
export function validate(schema: z.ZodMiniType, value: unknown, method: string): void {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new InputValidationError(method, result.error.issues.map(toIssue));
}

function toIssue(issue: Issue): InputIssue {
  return { path: issue.path.map(String).join('.'), message: describe(issue) };
}

// zod/mini ships no locale, so messages are written here, in words that say what to fix.
function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) return `expected an object of parameters, got ${typeName(issue.input)}`;
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected)}, got ${typeName(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'has an unsupported shape';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return typeof value;
}
