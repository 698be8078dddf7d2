import { interrupted } from '../errors.js';
import type { InputStream, OutputStream } from '../io.js';

/** @clack/prompts' API. */
export type Clack = typeof import('@clack/prompts');

/**
 * Loads @clack/prompts when a prompt is about to show. It is ESM only, so an import() (the CLI is a CommonJS bundle,
 * whose require() of it would fail on Node < 20.19).
 */
export function loadClack(): Promise<Clack> {
  return import('@clack/prompts');
}

/** The terminal a prompt reads from and draws on. */
export interface PromptStreams {
  input: InputStream;
  output: OutputStream;
}

/** Turns clack's cancel symbol (Ctrl-C, Esc) into an interruption: exit 130, nothing written. */
export function answered<T>(clack: Clack, value: T | symbol): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw interrupted('Cancelled: nothing was written.');
  return value as Exclude<T, symbol>;
}
