import type { Command } from 'commander';
import * as call from './commands/call.js';
import * as completion from './commands/completion.js';
import * as dev from './commands/dev.js';
import * as evalCommand from './commands/eval.js';
import * as jobs from './commands/jobs.js';
import * as mcp from './commands/mcp.js';
import * as models from './commands/models.js';
import * as replay from './commands/replay.js';
import * as subAccount from './commands/sub-account.js';
import * as usage from './commands/usage.js';
import * as webhooks from './commands/webhooks.js';
import * as whoami from './commands/whoami.js';
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

// The commands are bundled with the CLI's core into one chunk (one module to load instead of twenty: each ES module
// costs Node 20 file reads on its thread pool); what is heavy loads inside them on first use (the SDK, clack, the
// MCP SDK, the emulator, jq). `aig init` (the first-run wizard: templates, prompts, git) stays a chunk of its own.
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
    load: async () => models,
  },
  {
    name: 'call',
    docs: 'aig-call-model-input',
    args: '<model> [input]',
    summary: 'call any model: chat streams, media is saved, async jobs are awaited',
    load: async () => call,
  },
  {
    name: 'usage',
    docs: 'aig-usage',
    args: '',
    summary: 'spend per tag for a month',
    load: async () => usage,
  },
  {
    name: 'sub-account',
    docs: 'aig-sub-account-createlistgetupdatedelete',
    args: '<command>',
    summary: 'create, list, get, update or delete sub-accounts (per-customer keys, spend caps)',
    load: async () => subAccount,
  },
  {
    name: 'eval',
    docs: 'aig-eval-rungetwait',
    args: '<command>',
    summary: 'run or get an eval: grade models on a dataset, route to the winner',
    load: async () => evalCommand,
  },
  {
    name: 'replay',
    docs: 'aig-replay-request_id---target-model-model',
    args: '<request_id>',
    summary: 'rerun a past request on another model',
    load: async () => replay,
  },
  {
    name: 'jobs',
    docs: 'aig-jobs-getwait',
    args: '<command>',
    summary: 'get or wait for an async job (video, music, 3D)',
    load: async () => jobs,
  },
  {
    name: 'mcp',
    docs: 'aig-mcp-toolscall',
    args: '<command>',
    summary: "list (tools) or call the gateway's MCP tools, or install its server in a coding agent",
    load: async () => mcp,
  },
  {
    name: 'webhooks',
    docs: 'aig-webhooks-verifylisten',
    args: '<command>',
    summary: 'verify a webhook signature, or listen for deliveries locally',
    load: async () => webhooks,
  },
  {
    name: 'dev',
    docs: 'aig-dev',
    args: '',
    summary: 'start a local AIgateway emulator',
    load: async () => dev,
  },
  {
    name: 'whoami',
    docs: 'aig-whoami-also-aig-status',
    args: '',
    summary: 'which key and base URL aig uses, from where, and whether the gateway takes them',
    aliases: ['status'],
    load: async () => whoami,
  },
  {
    name: 'completion',
    docs: 'aig-completion-bashzshfish',
    args: '<shell>',
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: async () => completion,
  },
];
