import { DEFAULT_BASE_URL } from 'aigateway-contract';
import type { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { COMMANDS, type CommandEntry } from './command-manifest.js';
import { commander } from './core/commander.js';
import { DOCS_URL, withDocs, withExamples } from './core/help.js';
import { checkJq } from './core/jq.js';
import { EXIT_CODE_HELP } from './exit-codes.js';
import type { CliIO } from './io.js';
import type { CommandContext, RunState } from './runtime.js';
import { type ClientFactory, defaultClientFactory } from './sdk.js';

/** What `createProgram` needs: the process's streams and environment, and optionally an SDK client factory. */
export interface CreateProgramOptions extends CliIO {
  /** Builds the aigateway-js client; defaults to `new AIgateway(options)`, loaded lazily. */
  clientFactory?: ClientFactory | undefined;
  /** Secrets never to print (the CLI adds the resolved key itself). */
  secrets?: Set<string> | undefined;
  /** What the command learnt that runCli needs to report its error (deadlines, the gateway's URL). */
  state?: RunState | undefined;
}

const ROOT_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['npx aigateway-cli init', 'first run: key, .env, starter file'],
  ['aig models --modality chat', 'what can I call?'],
  ['aig call anthropic/claude-sonnet-4.6 "Write a haiku"', 'streams to stdout'],
  ['git diff | aig call openai/gpt-5.4 --system "Review this"', 'stdin as input'],
  ['aig usage --json', 'spend per tag, for scripts'],
];

const ROOT_HELP = `
Key: AIGATEWAY_API_KEY, --key-file PATH or --key - (stdin), else .env (here or up to the project root).
Base URL: --base-url, else AIGATEWAY_BASE_URL, else that .env, else ${DEFAULT_BASE_URL}.
Proxies: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, as curl reads them.
Prompts appear only on a terminal with CI unset; NO_COLOR or TERM=dumb turn colour off.

Exit codes:
${EXIT_CODE_HELP.map(([code, what]) => `  ${String(code).padStart(3)}  ${what}`).join('\n')}

Docs: ${DOCS_URL} (every command; aig <command> --help links its section)
API reference: https://aigateway.sh/reference`;

/**
 * Builds the `aig` program. Commands are listed from a manifest and defined on first use (their module is
 * imported by a `preSubcommand` hook), so help and version never load the SDK. Parse with `parseAsync`.
 *
 * @example
 * const program = createProgram({ stdin, stdout, stderr, env: process.env, cwd: process.cwd() });
 * await program.parseAsync(['models', '--json'], { from: 'user' });
 */
export function createProgram(options: CreateProgramOptions): Command {
  const { stdout, stderr } = options;
  const ctx: CommandContext = {
    io: options,
    clientFactory: options.clientFactory ?? defaultClientFactory,
    secrets: options.secrets ?? new Set(),
    pending: [],
    state: options.state ?? {},
  };
  const entries = new Map(COMMANDS.map((entry) => [entry.name, entry]));
  const defined = new WeakSet<Command>();
  const defaultHelp = new commander.Help();

  const program: Command = new commander.Command('aig')
    .description('AIgateway from the command line: every AI modality behind one key.')
    .version(pkg.version, '-V, --version', 'print the version')
    .option(
      '--key <key>',
      'API key; "-" reads it from stdin (a key in argv is visible to other users: prefer AIGATEWAY_API_KEY or --key-file)',
    )
    .option('--key-file <path>', 'read the API key from this file (its first line)')
    .option('--base-url <url>', 'gateway URL (default: AIGATEWAY_BASE_URL, then .env, then the hosted API)')
    .option('--tag <tag>', 'feature tag sent as x-aig-tag, for spend per feature')
    .option(
      '--timeout <seconds>',
      'give up on a request after this long (default 60; AIGATEWAY_TIMEOUT), or on a --wait (default 600)',
    )
    .option(
      '--json',
      'print one JSON document on stdout; errors as one JSON line on stderr (implies --quiet)',
    )
    .option('--jq <expression>', 'filter the --json output with a jq expression, like gh (implies --json)')
    .option('-q, --quiet', 'print only the result')
    .option('-v, --verbose', 'show where the key came from, request ids, retries and stacks (never the key)')
    .option('--no-color', 'disable colour (also NO_COLOR=1 or TERM=dumb)')
    .option('--no-input', 'never prompt; fail naming the flag to pass instead')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      // Only help shown for a missing command comes here; --json reports that as its one error line instead.
      writeErr: (text) => {
        if (program.opts<{ json?: boolean }>().json !== true) stderr.write(text);
      },
      // Errors are printed once, by runCli, in the CLI's own one-line (or JSON) format.
      outputError: () => {},
    })
    .configureHelp({
      showGlobalOptions: true,
      subcommandTerm: (cmd: Command): string => {
        const entry = cmd.parent === program ? entries.get(cmd.name()) : undefined;
        return entry ? `${entry.name}${entry.args ? ` ${entry.args}` : ''}` : defaultHelp.subcommandTerm(cmd);
      },
    });
  withExamples(program, ROOT_EXAMPLES).addHelpText('after', ROOT_HELP);

  const define = async (command: Command, entry: CommandEntry) => {
    if (defined.has(command)) return;
    defined.add(command);
    const module = await entry.load();
    module.define(command, ctx);
    // After the examples; subcommands without a section of their own link to their group's.
    withDocs(command, entry.docs);
    for (const sub of command.commands) withDocs(sub, entry.docs);
  };

  for (const entry of COMMANDS) {
    program
      .command(entry.name)
      .aliases(entry.aliases ?? [])
      .summary(entry.summary)
      .description(entry.summary);
  }
  // --jq: a filter jq cannot compile is refused before the command runs; its results are awaited after it.
  program.hook('preAction', async () => {
    const { jq } = program.opts<{ jq?: string }>();
    if (jq === undefined) return;
    await checkJq(jq);
  });
  program.hook('postAction', async () => {
    await Promise.all(ctx.pending?.splice(0) ?? []);
  });
  ctx.defineAll = async () => {
    for (const sub of program.commands) {
      const entry = entries.get(sub.name());
      if (entry) await define(sub, entry);
    }
  };
  program.hook('preSubcommand', async (_root: Command, sub: Command) => {
    const entry = entries.get(sub.name());
    if (entry) await define(sub, entry);
  });

  const help = program
    .command('help')
    .summary('show help for a command')
    .argument('[command...]', 'command, e.g. "sub-account create"')
    .action(async (path: string[]) => {
      let target: Command = program;
      for (const name of path) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) program.error(`unknown command '${path.join(' ')}'`, { code: 'commander.unknownCommand' });
        const entry = target === program ? entries.get(next.name()) : undefined;
        if (entry) await define(next, entry);
        target = next;
      }
      target.help();
    });
  withExamples(help, [
    ['aig help call', 'same as aig call --help'],
    ['aig help sub-account create', 'a subcommand'],
  ]);

  return program;
}
