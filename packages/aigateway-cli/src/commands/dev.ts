import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { withExamples } from '../core/help.js';
import type { DevRequestsOptions } from '../dev/requests.js';
import { Runtime } from '../runtime.js';

/** The value of `--flag value` or `--flag=value` among raw arguments. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i !== -1) return args[i + 1];
  return args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

async function run(rt: Runtime, cmd: Command): Promise<void> {
  // --key and --quiet are also global flags of aig, so commander takes them first: hand them back.
  const args = [...cmd.args];
  if (rt.globals.key !== undefined) args.push('--key', rt.globals.key);
  // A webhook secret chosen here signs every delivery: keep it out of the banner.
  rt.out.redact(flagValue(args, '--webhook-secret'));
  // So is the real key --proxy-key-env names (the emulator never prints it; this is belt and braces).
  const keyEnv = flagValue(args, '--proxy-key-env');
  if (keyEnv !== undefined) rt.out.redact(rt.io.env[keyEnv]);
  if (rt.globals.quiet) args.push('--quiet');
  const { runDev } = await import('../dev/run-dev.js');
  return runDev(rt, args);
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      'Start a local AIgateway emulator (every endpoint, jobs, webhooks, sub-accounts, evals, MCP) for offline ' +
        'development and key-less CI. Takes the same flags as the aigateway-emulator bin.',
    )
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'after',
      `
Emulator options:
  --port <n>             port to listen on, 0 = a free one (default 4010)
  --host <addr>          interface to bind (default 127.0.0.1)
  --key <sk-aig-...>     top-level API key (default sk-aig-emulator-dev)
  --webhook-secret <s>   webhook signing secret (default whsec_emulator_dev)
  --time-scale <n>       divide every delay (jobs, webhook retries) by n (default 1)
  --state <file>         save state to this JSON file and restore it at start
  --keepalive-ms <n>     interval of SSE keep-alive comments (default 15000)
  --stream-delay-ms <n>  pause between streamed chat chunks, 0 = none (default 15)
  --seed <n>             seed for ids and fault probabilities
  --mcp-protocol <v>     newest MCP revision /mcp speaks (default 2025-03-26)
  --scenario <file>      scripted replies: rules from a JSON or YAML file
  --allow-origin <o>     also let web pages at this origin call it (repeatable; http://host:* = any port)
  --public-origin <url>  where clients reach it behind a proxy or tunnel: signed file URLs use it
  --proxy <url>          forward /v1 and /mcp to this gateway, checking answers against the contract
  --proxy-key-env <NAME> send the key in env var NAME upstream in place of the emulator's own key
  --record <dir>         with --proxy: write one cassette per request into dir (secrets stripped)
  --replay <dir>         answer from the cassettes in dir; emulate requests without one
  --replay-strict        with --replay: a request without a cassette fails (500) instead
  --quiet                do not log requests`,
    )
    .action(async (_options: object, cmd: Command) => run(new Runtime(ctx, cmd), cmd));
  const requests = command
    .command('requests')
    .description(
      'List the requests a running emulator answered (its journal), oldest first, with secrets redacted. When nothing ' +
        'matches the filters, shows the nearest requests and what each had instead. Talks to --base-url / ' +
        'AIGATEWAY_BASE_URL when set, else http://127.0.0.1:4010 with the key sk-aig-emulator-dev.',
    )
    .option(
      '--filter <name=value>',
      'only requests matching it (repeatable): method, path, endpoint, model, tag, key, sub_account, status, ' +
        'since, until, prompt, scenario, header[<name>]',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--limit <n>', 'only the newest n')
    .option('--namespace <name>', 'read this namespace’s journal (the x-aig-emulator-namespace a test sends)')
    .action(async (options: DevRequestsOptions, cmd: Command) => {
      const { runDevRequests } = await import('../dev/requests.js');
      return runDevRequests(new Runtime(ctx, cmd), options);
    });
  withExamples(requests, [
    ['aig dev requests', 'everything the emulator answered'],
    [
      "aig dev requests --filter endpoint=chat --filter 'model=anthropic/*'",
      'chat calls to Anthropic models',
    ],
    ["aig dev requests --filter status=4xx --filter 'header[x-aig-tag]=support' --json", 'as JSON'],
    ["aig dev requests --filter 'prompt=/refund/i' --limit 1", 'the newest chat about a refund'],
  ]);
  withExamples(command, [
    ['aig dev', 'http://127.0.0.1:4010/v1, key sk-aig-emulator-dev'],
    ['aig dev --port 0 --time-scale 60 --state .aigateway/state.json', 'fast jobs, state kept'],
    ['aig dev --port 0 --json > dev.jsonl &', 'JSON lines: the URL and key, then one per request'],
    [
      'aig dev --proxy https://api.aigateway.sh/v1 --proxy-key-env AIGATEWAY_UPSTREAM_KEY --record cassettes',
      'record real answers, keys stripped',
    ],
    ['aig dev --replay cassettes --replay-strict', 'serve them offline'],
    [
      'AIGATEWAY_BASE_URL=http://127.0.0.1:4010/v1 AIGATEWAY_API_KEY=sk-aig-emulator-dev aig models',
      'use it',
    ],
  ]);
};
