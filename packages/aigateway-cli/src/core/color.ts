import { Chalk, type ChalkInstance } from 'chalk';
import type { OutputStream } from '../io.js';

/**
 * Decides colour for one stream. chalk 5 does not look at NO_COLOR, so the whole decision lives here:
 * `--no-color` > NO_COLOR (any non-empty value, https://no-color.org) > FORCE_COLOR > TERM=dumb > TTY.
 */
export function colorLevel(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean,
): 0 | 1 | 2 | 3 {
  if (!colorFlag) return 0;
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    return richness(env);
  }
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? richness(env) : 0;
}

function richness(env: Readonly<Record<string, string | undefined>>): 1 | 2 | 3 {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

/** A chalk instance for one stream; level 0 makes every style a no-op. */
export function chalkFor(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean,
): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env, colorFlag) });
}
