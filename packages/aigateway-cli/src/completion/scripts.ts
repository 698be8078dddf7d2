// Static completion scripts: the command tree is written into the script as lookup functions (command path →
// subcommands, options, option values), so a Tab press runs no node process. Regenerate after upgrading aig.
import { type CompletionNode, flatten } from './tree.js';

/** The shells `aig completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BINS = 'aig aigateway-cli';
const HELP = { names: ['--help', '-h'], description: 'show help', takesValue: false, values: [] };

/** Single-quoted for sh and fish (the tree's words and descriptions are plain text). */
const q = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;
const fq = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const key = (node: CompletionNode): string => node.path.join(' ');

interface Tables {
  /** [parent path, word, child path]: a subcommand (or alias) under a path. */
  canonical: [string, string, string][];
  /** path → "word:description" lines of its subcommands. */
  commands: Map<string, string[]>;
  /** path → "option:description" lines. */
  options: Map<string, string[]>;
  /** path → options that take a value. */
  valueOptions: Map<string, string[]>;
  /** [path, option, values]. */
  values: [string, string, readonly string[]][];
  /** path → values of its first argument. */
  argumentValues: Map<string, readonly string[]>;
}

function tables(root: CompletionNode): Tables {
  const t: Tables = {
    canonical: [],
    commands: new Map(),
    options: new Map(),
    valueOptions: new Map(),
    values: [],
    argumentValues: new Map(),
  };
  for (const node of flatten(root)) {
    const path = key(node);
    const children = node.children.filter((c) => c.names[0] !== 'help' || node.path.length === 0);
    for (const child of children) {
      for (const name of child.names) t.canonical.push([path, name, key(child)]);
    }
    if (children.length > 0) {
      t.commands.set(
        path,
        children.flatMap((c) => c.names.map((name) => `${name}:${oneLine(c.description)}`)),
      );
    }
    const options = [...node.options, HELP];
    t.options.set(
      path,
      options.flatMap((o) => o.names.map((name) => `${name}:${oneLine(o.description)}`)),
    );
    const valued = options.filter((o) => o.takesValue);
    if (valued.length > 0)
      t.valueOptions.set(
        path,
        valued.flatMap((o) => o.names),
      );
    for (const option of valued) {
      if (option.values.length > 0)
        for (const name of option.names) t.values.push([path, name, option.values]);
    }
    if (node.argumentValues.length > 0) t.argumentValues.set(path, node.argumentValues);
  }
  return t;
}

/** sh `case` functions, shared by bash and zsh: each prints one entry per line. */
function shFunctions(t: Tables): string {
  const lines = (entries: readonly string[]) => `printf '%s\\n' ${entries.map(q).join(' ')}`;
  const cases = (name: string, args: string, arms: [string, string][]) =>
    [
      `${name}() {`,
      `  case ${args} in`,
      ...arms.map(([pattern, body]) => `    ${q(pattern)}) ${body} ;;`),
      '  esac',
      '}',
    ].join('\n');
  return [
    cases(
      '_aig_canonical',
      '"$1|$2"',
      t.canonical.map(([path, word, child]) => [`${path}|${word}`, `echo ${q(child)}`]),
    ),
    cases(
      '_aig_commands',
      '"$1"',
      [...t.commands].map(([path, entries]) => [path, lines(entries)]),
    ),
    cases(
      '_aig_options',
      '"$1"',
      [...t.options].map(([path, entries]) => [path, lines(entries)]),
    ),
    cases(
      '_aig_value_options',
      '"$1"',
      [...t.valueOptions].map(([path, names]) => [path, lines(names)]),
    ),
    cases(
      '_aig_values',
      '"$1|$2"',
      t.values.map(([path, option, values]) => [`${path}|${option}`, lines(values)]),
    ),
    cases(
      '_aig_arguments',
      '"$1"',
      [...t.argumentValues].map(([path, values]) => [path, lines(values)]),
    ),
  ].join('\n\n');
}

function bash(t: Tables): string {
  return `# aig completion for bash. Load it in this shell with: source <(aig completion bash)
# or for every shell: aig completion bash > ~/.local/share/bash-completion/completions/aig
# Generated from the installed aig's commands: run it again after upgrading aig.

${shFunctions(t)}

_aig_takes_value() {
  local name
  while IFS= read -r name; do [[ "$name" == "$2" ]] && return 0; done < <(_aig_value_options "$1"; _aig_value_options '')
  return 1
}

_aig() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path='' word next line i skip=0
  local -a candidates=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* ]] && _aig_takes_value "$path" "$word" && skip=1
      continue
    fi
    next="$(_aig_canonical "$path" "$word")"
    [[ -n "$next" ]] && path="$next"
  done
  COMPREPLY=()
  if ((COMP_CWORD > 1)) && [[ "$prev" == -* ]] && _aig_takes_value "$path" "$prev"; then
    while IFS= read -r line; do [[ -n "$line" ]] && candidates+=("$line"); done < <(_aig_values "$path" "$prev")
    if ((\${#candidates[@]})); then
      COMPREPLY=($(compgen -W "\${candidates[*]}" -- "$cur"))
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    while IFS= read -r line; do candidates+=("\${line%%:*}"); done < <(_aig_options "$path"; [[ -n "$path" ]] && _aig_options '')
  else
    while IFS= read -r line; do [[ -n "$line" ]] && candidates+=("\${line%%:*}"); done < <(_aig_commands "$path"; _aig_arguments "$path")
  fi
  if ((\${#candidates[@]})); then
    COMPREPLY=($(compgen -W "\${candidates[*]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F _aig ${BINS}
`;
}

function zsh(t: Tables): string {
  return `#compdef ${BINS}
# aig completion for zsh. Load it in this shell with: source <(aig completion zsh)
# or for every shell: aig completion zsh > "\${fpath[1]}/_aig" (then restart zsh)
# Generated from the installed aig's commands: run it again after upgrading aig.

${shFunctions(t)}

_aig_takes_value() {
  local name
  for name in \${(f)"$(_aig_value_options "$1"; _aig_value_options '')"}; do [[ "$name" == "$2" ]] && return 0; done
  return 1
}

_aig() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" path_='' word next i skip=0
  local -a entries values
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* ]] && _aig_takes_value "$path_" "$word" && skip=1
      continue
    fi
    next="$(_aig_canonical "$path_" "$word")"
    [[ -n "$next" ]] && path_="$next"
  done
  if ((CURRENT > 2)) && [[ "$prev" == -* ]] && _aig_takes_value "$path_" "$prev"; then
    values=(\${(f)"$(_aig_values "$path_" "$prev")"})
    if ((\${#values})); then compadd -a values; else _files; fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    entries=(\${(f)"$(_aig_options "$path_"; [[ -n "$path_" ]] && _aig_options '')"})
    _describe -t options 'option' entries
    return
  fi
  entries=(\${(f)"$(_aig_commands "$path_")"})
  values=(\${(f)"$(_aig_arguments "$path_")"})
  if ((\${#entries})); then _describe -t commands 'command' entries; fi
  if ((\${#values})); then compadd -a values; fi
  if ((\${#entries} + \${#values} == 0)); then _files; fi
}

if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _aig "$@"
else
  compdef _aig ${BINS}
fi
`;
}

function fish(t: Tables): string {
  const lines = (entries: readonly string[]) => `printf '%s\\n' ${entries.map(fq).join(' ')}`;
  const switches = (name: string, args: string, arms: [string, string][]) =>
    [
      `function ${name}`,
      `    switch ${args}`,
      ...arms.flatMap(([pattern, body]) => [`        case ${fq(pattern)}`, `            ${body}`]),
      '    end',
      'end',
    ].join('\n');
  // fish shows "value<TAB>description"; the sh tables use "value:description".
  const described = (entries: readonly string[]) => lines(entries.map((e) => e.replace(/^([^:]*):/, '$1\t')));
  return `# aig completion for fish. Load it in this shell with: aig completion fish | source
# or for every shell: aig completion fish > ~/.config/fish/completions/aig.fish
# Generated from the installed aig's commands: run it again after upgrading aig.

${switches(
  '__aig_canonical',
  '"$argv[1]|$argv[2]"',
  t.canonical.map(([path, word, child]) => [`${path}|${word}`, `echo ${fq(child)}`]),
)}

${switches(
  '__aig_commands',
  '"$argv[1]"',
  [...t.commands].map(([path, entries]) => [path, described(entries)]),
)}

${switches(
  '__aig_options',
  '"$argv[1]"',
  [...t.options].map(([path, entries]) => [path, described(entries)]),
)}

${switches(
  '__aig_value_options',
  '"$argv[1]"',
  [...t.valueOptions].map(([path, names]) => [path, lines(names)]),
)}

${switches(
  '__aig_values',
  '"$argv[1]|$argv[2]"',
  t.values.map(([path, option, values]) => [`${path}|${option}`, lines(values)]),
)}

${switches(
  '__aig_arguments',
  '"$argv[1]"',
  [...t.argumentValues].map(([path, values]) => [path, lines(values)]),
)}

function __aig_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cur (commandline -ct)
    set -l path ''
    set -l skip 0
    set -l prev ''
    for word in $tokens
        set prev $word
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $word
            if not string match -q -- '*=*' $word; and contains -- $word (__aig_value_options $path) (__aig_value_options '')
                set skip 1
            end
            continue
        end
        set -l next (__aig_canonical $path $word)
        if test -n "$next"
            set path $next
        end
    end
    if test $skip = 1
        set -l values (__aig_values $path $prev)
        if test (count $values) -gt 0
            printf '%s\\n' $values
        else
            __fish_complete_path $cur
        end
        return
    end
    if string match -q -- '-*' $cur
        __aig_options $path
        test -n "$path"; and __aig_options ''
        return
    end
    set -l words (__aig_commands $path) (__aig_arguments $path)
    if test (count $words) -gt 0
        printf '%s\\n' $words
    else
        __fish_complete_path $cur
    end
end

for bin in ${BINS}
    complete -c $bin -f -a '(__aig_complete)'
end
`;
}

/** The completion script for `shell`, from the program's full command tree. */
export function completionScript(shell: Shell, root: CompletionNode): string {
  const t = tables(root);
  return shell === 'bash' ? bash(t) : shell === 'zsh' ? zsh(t) : fish(t);
}
