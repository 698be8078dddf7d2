import type { Command, Option } from 'commander';

/** One option as completion scripts offer it. */
export interface CompletionOption {
  /** `--modality`, and `-q` where there is a short form. */
  names: string[];
  description: string;
  /** The option is followed by a value (`--modality chat`). */
  takesValue: boolean;
  /** Values to offer after it; none means "complete file names". */
  values: readonly string[];
}

/** A command (or the program itself) with what may follow it. */
export interface CompletionNode {
  /** Words from the program to here, e.g. `['sub-account', 'create']`; `[]` for the program. */
  path: string[];
  names: string[];
  description: string;
  options: CompletionOption[];
  children: CompletionNode[];
  /** Values for its first argument (`aig completion <shell>`, `aig help <command>`). */
  argumentValues: readonly string[];
}

/** Values of options whose choices the CLI knows (by long name). */
export type ValueHints = Readonly<Record<string, readonly string[]>>;

function completionOption(option: Option, hints: ValueHints): CompletionOption {
  const names = [option.long, option.short].filter((n): n is string => Boolean(n));
  return {
    names,
    description: option.description,
    takesValue: option.required || option.optional,
    values: option.argChoices ?? hints[option.long ?? ''] ?? [],
  };
}

/** The completion tree of a fully defined commander program (every lazily loaded command defined). */
export function completionTree(
  command: Command,
  hints: ValueHints,
  argumentHints: Readonly<Record<string, readonly string[]>>,
  path: string[] = [],
): CompletionNode {
  const children = command.commands.map((child) =>
    completionTree(child, hints, argumentHints, [...path, child.name()]),
  );
  return {
    path,
    names: [command.name(), ...command.aliases()],
    description: command.summary() || command.description().split('\n')[0] || '',
    options: command.options
      .filter((o) => !(o as Option & { hidden?: boolean }).hidden)
      .map((o) => completionOption(o, hints)),
    children,
    argumentValues: argumentHints[path.join(' ')] ?? command.registeredArguments[0]?.argChoices ?? [],
  };
}

/** Every node, depth first. */
export function flatten(node: CompletionNode): CompletionNode[] {
  return [node, ...node.children.flatMap(flatten)];
}
