import type { Command } from 'commander';
import type { CommandContext } from './runtime.js';

/** What every module under `src/commands/` exports: adds options, help and the action to its command. */
export type DefineCommand = (command: Command, ctx: CommandContext) => void;

/** A command as `aig --help` lists it; `load` gives its definition when the command runs or shows its help. */
export interface CommandEntry {
  name: string;
  /** Arguments as shown in the command list, e.g. `<model> [input]`. */
  args: string;
  summary: string;
  /** The anchor of its section in the README (linked from its --help). */
  docs: string;
  /** Other names that run it (`aig status` for `aig whoami`). */
  aliases?: readonly string[];
  load: () => Promise<{ define: DefineCommand }>;
}

// Each command is a chunk of its own, imported when it runs (or shows its help): `aig models` parses the models
// command and the core it shares, not the other commands (~60 KB of them). What is heavy loads inside a command on
// first use (the SDK, clack, the MCP SDK, the emulator, jq).
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'init',
    docs: 'aig-init',
    args: '',
    summary: 'save a key in .env and scaffold a starter (TypeScript, JavaScript or Python)',
    load: () => import('./commands/init.js'),
  },
  {
    name: 'models',
    docs: 'aig-models',
    args: '',
    summary: 'list the model catalog',
    load: () => import('./commands/models.js'),
  },
  {
    name: 'call',
    docs: 'aig-call-model-input',
    args: '<model> [input]',
    summary: 'call any model: chat streams, media is saved, async jobs are awaited',
    load: () => import('./commands/call.js'),
  },
  {
    name: 'usage',
    docs: 'aig-usage',
    args: '',
    summary: 'spend per tag for a month',
    load: () => import('./commands/usage.js'),
  },
  {
    name: 'sub-account',
    docs: 'aig-sub-account-createlistgetupdatedelete',
    args: '<command>',
    summary: 'create, list, get, update or delete sub-accounts (per-customer keys, spend caps)',
    load: () => import('./commands/sub-account.js'),
  },
  {
    name: 'eval',
    docs: 'aig-eval-rungetwait',
    args: '<command>',
    summary: 'run or get an eval: grade models on a dataset, route to the winner',
    load: () => import('./commands/eval.js'),
  },
  {
    name: 'replay',
    docs: 'aig-replay-request_id---target-model-model',
    args: '<request_id>',
    summary: 'rerun a past request on another model',
    load: () => import('./commands/replay.js'),
  },
  {
    name: 'jobs',
    docs: 'aig-jobs-getwait',
    args: '<command>',
    summary: 'get or wait for an async job (video, music, 3D)',
    load: () => import('./commands/jobs.js'),
  },
  {
    name: 'mcp',
    docs: 'aig-mcp-toolscall',
    args: '<command>',
    summary: "list (tools) or call the gateway's MCP tools, or install its server in a coding agent",
    load: () => import('./commands/mcp.js'),
  },
  {
    name: 'webhooks',
    docs: 'aig-webhooks-verifylisten',
    args: '<command>',
    summary: 'verify a webhook signature, or listen for deliveries locally',
    load: () => import('./commands/webhooks.js'),
  },
  {
    name: 'dev',
    docs: 'aig-dev',
    args: '',
    summary: 'start a local AIgateway emulator',
    load: () => import('./commands/dev.js'),
  },
  {
    name: 'whoami',
    docs: 'aig-whoami-also-aig-status',
    args: '',
    summary: 'which key and base URL aig uses, from where, and whether the gateway takes them',
    aliases: ['status'],
    load: () => import('./commands/whoami.js'),
  },
  {
    name: 'completion',
    docs: 'aig-completion-bashzshfish',
    args: '<shell>',
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: () => import('./commands/completion.js'),
  },
];
