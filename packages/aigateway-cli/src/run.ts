import { patterns } from 'aigateway-contract';
import type { ExitCodeValue } from './exit-codes.js';
import { Output } from './output.js';
import { type CreateProgramOptions, createProgram } from './program.js';
import type { GlobalOptions, RunState } from './runtime.js';

const API_KEY = new RegExp(patterns.apiKey);

/** Values of `--key` on the command line, so even a usage error about them never echoes the key. */
function keysInArgv(argv: readonly string[]): string[] {
  const keys: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--key' && argv[i + 1] !== undefined) keys.push(argv[i + 1] as string);
    else if (arg.startsWith('--key=')) keys.push(arg.slice('--key='.length));
    // A key pasted anywhere else (as --tag, say, which refuses it) is hidden as well.
    else if (API_KEY.test(arg)) keys.push(arg);
  });
  return keys;
}

/**
 * Runs `aig` with `argv` (without `node` and the script) and resolves to the documented exit code.
 * Every error is reported here, once: one line on stderr, or one JSON line with `--json`.
 */
export async function runCli(argv: readonly string[], options: CreateProgramOptions): Promise<ExitCodeValue> {
  const secrets = options.secrets ?? new Set<string>();
  for (const key of keysInArgv(argv)) if (key.length >= 6) secrets.add(key);
  if (options.env.AIGATEWAY_API_KEY) secrets.add(options.env.AIGATEWAY_API_KEY);
  const state: RunState = {};
  // Not a spread, which would read every property: the binary's stdin is a getter, so that a command that does not
  // read stdin does not create it.
  const programOptions: CreateProgramOptions = Object.create(options, {
    secrets: { value: secrets },
    state: { value: state },
  });
  const program = createProgram(programOptions);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Only a failed run needs the error catalogue (and the SDK's error classes): loaded then.
    const { describeError } = await import('./core/describe-error.js');
    const described = await describeError(error, { ...state, interrupted: options.signal?.aborted === true });
    const opts = program.opts<GlobalOptions>();
    const json =
      opts.json === true ||
      opts.jq !== undefined ||
      argv.some((a) => a === '--json' || a === '--jq' || a.startsWith('--jq='));
    // What was explained on screen in words (help for a missing command) still owes --json its error line.
    if (described.exitCode === 0 || (described.silent && !json)) return described.exitCode;
    const flags = {
      json,
      quiet: false,
      verbose: opts.verbose === true || argv.includes('--verbose') || argv.includes('-v'),
      color: opts.color !== false && !argv.includes('--no-color'),
    };
    new Output(options, flags, secrets).error(described);
    return described.exitCode;
  }
}
