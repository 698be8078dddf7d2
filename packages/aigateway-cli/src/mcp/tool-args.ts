import { usageError } from '../errors.js';

/** Raw argument flags of `aig mcp call`, in both our and the MCP Inspector's spellings. */
export interface ToolArgFlags {
  arg?: string[];
  toolArg?: string[];
  args?: string;
  toolArgsJson?: string;
}

function parseObject(raw: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw usageError(
      `${flag} is not valid JSON (${(error as Error).message}). Pass an object, e.g. '{"model":"x"}'.`,
      'invalid_json',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError(`${flag} must be a JSON object, e.g. '{"model":"x"}'.`, 'invalid_json');
  }
  return value as Record<string, unknown>;
}

// Like the Inspector: a value that parses as JSON (number, boolean, null, array, object) is used as such.
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Merges `--args`/`--tool-args-json` (a JSON object) with `--arg`/`--tool-arg k=v` pairs, pairs last. */
export function toolArguments(flags: ToolArgFlags): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (flags.args !== undefined) Object.assign(result, parseObject(flags.args, '--args'));
  if (flags.toolArgsJson !== undefined)
    Object.assign(result, parseObject(flags.toolArgsJson, '--tool-args-json'));
  for (const pair of [...(flags.arg ?? []), ...(flags.toolArg ?? [])]) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--arg must look like key=value, got "${pair}".`, 'invalid_argument');
    result[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return result;
}
