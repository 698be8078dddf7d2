import type { OutputStream } from '../io.js';
import { type Styles, stylesAt } from './terminal.js';

/**
 * Decides colour for one stream (as chalk's levels: 0 none, 1 basic, 2 256 colours, 3 truecolor):
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

/** The styles for one stream; at level 0 every style is a no-op (but still neutralises control characters). */
export function stylesFor(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  colorFlag: boolean,
): Styles {
  return stylesAt(colorLevel(stream, env, colorFlag) > 0);
}
