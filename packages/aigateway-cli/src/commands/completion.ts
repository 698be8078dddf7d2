import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { completionScript, SHELLS, type Shell } from '../completion/scripts.js';
import { completionTree } from '../completion/tree.js';
import { commander } from '../core/commander.js';
import { withExamples } from '../core/help.js';
import { MODALITIES } from '../core/modalities.js';
import { LANGUAGES } from '../init/languages.js';
import type { CommandContext } from '../runtime.js';
import { Runtime } from '../runtime.js';

/** Values offered after options whose values aig knows (by long name). */
const VALUE_HINTS = {
  '--modality': MODALITIES,
  '--endpoint': MODALITIES,
  '--lang': LANGUAGES.map((l) => l.value),
};

async function run(ctx: CommandContext, rt: Runtime, shell: Shell, cmd: Command): Promise<void> {
  const program = cmd.parent;
  if (!program) return;
  await ctx.defineAll?.();
  const commands = program.commands.flatMap((c) => [c.name(), ...c.aliases()]).filter((n) => n !== 'help');
  const tree = completionTree(program, VALUE_HINTS, { help: commands });
  const script = completionScript(shell, tree);
  if (rt.out.json) rt.out.result({ shell, script });
  else rt.out.write(script);
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      'Print a completion script for bash, zsh or fish: commands, subcommands, options and the values aig knows ' +
        '(modalities, languages, shells). It is generated from this aig: run it again after upgrading.',
    )
    .addArgument(new commander.Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action(async (shell: Shell, _options: object, cmd: Command) =>
      run(ctx, new Runtime(ctx, cmd), shell, cmd),
    );
  withExamples(command, [
    ['source <(aig completion bash)', 'bash, this shell'],
    ['aig completion bash > ~/.local/share/bash-completion/completions/aig', 'bash, every shell'],
    ['source <(aig completion zsh)', 'zsh, this shell'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own parameter expansion, shown as typed.
    ['aig completion zsh > "${fpath[1]}/_aig"', 'zsh, every shell'],
    ['aig completion fish > ~/.config/fish/completions/aig.fish', 'fish'],
  ]);
};
