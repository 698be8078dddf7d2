import type { Command } from 'commander';

/** Appends an "Examples:" section to a command's --help. Every command has one. */
export function withExamples(command: Command, examples: ReadonlyArray<readonly [string, string]>): Command {
  const width = Math.max(...examples.map(([cmd]) => cmd.length));
  const lines = examples.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`);
  return command.addHelpText('after', `\nExamples:\n${lines.join('\n')}`);
}

/** Where the CLI's documentation lives: the package README, one section per command. */
export const DOCS_URL = 'https://www.npmjs.com/package/aigateway-cli';

const documented = new WeakSet<Command>();

/** Appends "Docs: <url>#<anchor>" to a command's --help (the README section of that command). */
export function withDocs(command: Command, anchor: string): Command {
  if (documented.has(command)) return command;
  documented.add(command);
  return command.addHelpText('after', `\nDocs: ${DOCS_URL}#${anchor}`);
}
