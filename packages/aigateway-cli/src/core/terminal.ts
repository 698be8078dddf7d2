// Terminal safety for human output. Names, messages, model answers and tool results come from a server, and a
// server (or a model it relays) can put escape sequences in them: colours, cursor moves that rewrite lines
// already printed, OSC 52 clipboard writes, window titles, bells. Like gh, every control character in human
// output is made visible in caret notation (ESC → ^[, BEL → ^G) and C1 controls are dropped; only line feeds
// and tabs pass. Our own colours survive because the styles below mark them with a per-process token that no
// server can guess, which `toTerminal` turns back into real escapes after everything else was neutralised.
import stringWidth from 'fast-string-width';

// Private-use characters around a random nonce: unknowable to whoever wrote the text being printed. Made with the
// first coloured style (never with colour off, e.g. --json or a pipe), so Node loads its crypto only then.
let MARK: string | undefined;

function mark(): string {
  MARK ??= `\uE000${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(6))).toString('hex')}\uE001`;
  return MARK;
}

// C0 controls but LF and TAB, DEL, and C1 controls (U+0080–U+009F; U+009B alone is a CSI in some terminals).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function caret(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x0d) return ''; // CR: a bare one rewrites the line; CRLF prints as LF.
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return '';
}

/** `text` with every control character but LF and TAB neutralised (caret notation, C1 dropped). */
export function neutralise(text: string): string {
  return text.replace(CONTROL, caret);
}

/** Turns styled, neutralised text into what the terminal gets: our marked escapes become real ones. */
export function toTerminal(text: string): string {
  const safe = neutralise(text);
  return MARK === undefined ? safe : safe.split(MARK).join('\u001b');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching SGR (colour) escapes.
const SGR = /\u001b\[[0-9;]*m/g;

/** Removes our style marks (and the escapes a style produced), for measuring or plain comparisons. */
export function unstyled(text: string): string {
  return (MARK === undefined ? text : text.split(MARK).join('\u001b')).replace(SGR, '');
}

/** Columns `text` takes on a terminal: wide (CJK, emoji) characters count 2, styles 0. */
export function displayWidth(text: string): number {
  return stringWidth(unstyled(text));
}

type Style = (text: string) => string;

/** The styles commands use; text passed in is neutralised first, the style's own escapes are marked. */
export interface Styles {
  bold: Style;
  dim: Style;
  italic: Style;
  underline: Style;
  red: Style;
  green: Style;
  yellow: Style;
  blue: Style;
  magenta: Style;
  cyan: Style;
  gray: Style;
}

// Each style's SGR escape (open, close), as chalk writes them: the 16 basic colours, which every colour terminal
// shows, so the colour level beyond "on" changes nothing here.
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const satisfies Record<keyof Styles, readonly [number, number]>;

/**
 * The styles, coloured or not (`colour` false: every style returns the neutralised text unchanged). A style
 * closes before each line feed and opens again after it, so a line cut elsewhere keeps its colour.
 */
export function stylesAt(colour: boolean): Styles {
  const token = colour ? mark() : '';
  const entries = Object.entries(CODES).map(([name, [open, close]]) => {
    const on = `${token}[${open}m`;
    const off = `${token}[${close}m`;
    const style: Style = (text) => {
      const safe = neutralise(text);
      if (!colour || safe === '') return safe;
      return `${on}${safe.split('\n').join(`${off}\n${on}`)}${off}`;
    };
    return [name, style] as const;
  });
  return Object.fromEntries(entries) as Record<keyof Styles, Style>;
}
