// `--jq <expression>`, as gh has it: the --json document goes through a real jq (jq 1.7, compiled to WebAssembly
// by the jq-wasm package, ~1.4 MB, loaded only when --jq is given) and what it outputs is printed like `jq -r`:
// strings raw, everything else as indented JSON, one result per line.
import { usageError } from '../errors.js';

type Jq = typeof import('jq-wasm');

let loaded: Promise<Jq> | undefined;
const load = (): Promise<Jq> => {
  loaded ??= import('jq-wasm');
  return loaded;
};

/** jq's own message without its "jq: error…:" prefix and the "compile error" trailer. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/^Failed to execute raw query:\s*/, '')
    .replace(/jq: error(?: \(at [^)]*\))?:\s*/g, '')
    .replace(/\s*jq: \d+ compile errors?\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Rejects an expression jq cannot compile, before the command runs (so a typo never costs a request, nor the
 * result of one that creates something).
 */
export async function checkJq(expression: string): Promise<void> {
  const jq = await load();
  try {
    await jq.raw('null', expression, ['-r']);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Only compile errors count here; a filter may well fail on null and work on the real document.
    if (/compile error/.test(message)) {
      throw usageError(
        `--jq: ${reason(error)}. See https://jqlang.org/manual/ for the syntax.`,
        'invalid_jq',
      );
    }
  }
}

/** Runs `expression` over `value`; resolves with the text to print, or rejects with jq's reason. */
export async function runJq(value: unknown, expression: string): Promise<string> {
  const jq = await load();
  try {
    const out = await jq.raw(JSON.stringify(value), expression, ['-r']);
    return out === '' || out.endsWith('\n') ? out : `${out}\n`;
  } catch (error) {
    throw new Error(reason(error));
  }
}
