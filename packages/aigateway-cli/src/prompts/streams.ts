import { isCancel } from '@clack/prompts';
import { interrupted } from '../errors.js';
import type { InputStream, OutputStream } from '../io.js';

/** The terminal a prompt reads from and draws on. */
export interface PromptStreams {
  input: InputStream;
  output: OutputStream;
}

/** Turns clack's cancel symbol (Ctrl-C, Esc) into an interruption: exit 130, nothing written. */
export function answered<T>(value: T | symbol): Exclude<T, symbol> {
  if (isCancel(value)) throw interrupted('Cancelled: nothing was written.');
  return value as Exclude<T, symbol>;
}
