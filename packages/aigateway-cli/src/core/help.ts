import type { Command } from 'commander';

/** Appends an "Examples:" section to a command's --help. Every command has one. */
export function withExamples(command: Command, examples: ReadonlyArray<readonly [string, string]>): Command {
  const width = Math.max(...examples.map(([cmd]) => cmd.length));
  const lines = examples.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}`);
}
