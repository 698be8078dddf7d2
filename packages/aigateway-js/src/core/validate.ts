// Input checks before a request leaves (the contract's request schemas, core/schemas.ts): a wrong
// call fails with InputValidationError naming every bad field instead of a round trip and a 400.
import type { Check } from './checks.js';
import { type InputIssue, InputValidationError } from './errors.js';

/** Throws `InputValidationError` unless `value` passes `check`. */
export function validate(check: Check, value: unknown, method: string): void {
  const issues: InputIssue[] = [];
  check(value, '', issues);
  if (issues.length > 0) throw new InputValidationError(method, issues);
}
