// Response checks against the contract: the emulator validates requests at run time, its tests
// validate every response it sends.
import { escapePointer, resolve } from '../src/contract/document.js';
import { validatorAt } from '../src/contract/validate.js';

/** JSON pointer of an operation's response schema for `status` and `contentType`, if the contract has one. */
export function responseSchemaPointer(
  method: string,
  path: string,
  status: number,
  contentType: string,
): string | undefined {
  const responses = resolve(`#/paths/${escapePointer(path)}/${method}/responses`).value;
  if (!responses) return undefined;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) return undefined;
  const response = resolve(`#/paths/${escapePointer(path)}/${method}/responses/${key}`);
  const content = response.value?.content as Record<string, { schema?: unknown }> | undefined;
  if (!content?.[contentType]?.schema) return undefined;
  return `${response.pointer}/content/${escapePointer(contentType)}/schema`;
}

/** Validation errors of a response body against the contract, or null when it conforms. */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
): string | null {
  const pointer = responseSchemaPointer(method, path, status, contentType);
  if (!pointer)
    return `The contract declares no ${contentType} response ${status} for ${method.toUpperCase()} ${path}`;
  const validate = validatorAt(pointer);
  if (validate(body)) return null;
  return JSON.stringify(validate.errors);
}
