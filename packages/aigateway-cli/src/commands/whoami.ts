import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { requireApiKey, type ResolvedSettings } from '../core/credentials.js';
import { type DescribedError, describeError } from '../core/describe-error.js';
import { count, dollars } from '../core/format.js';
import { withExamples } from '../core/help.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { Runtime } from '../runtime.js';

/** Sub-account keys start with this (the contract's pattern for `SubAccountWithKey.key`). */
const SUB_ACCOUNT_KEY = 'sk-aig-sub-';
/** The API shows a sub-account's key by its first 12 characters (`key_prefix`). */
const KEY_PREFIX_LENGTH = 12;
/** Long enough for a gateway across the world, short enough that a status check never looks hung. */
const CHECK_TIMEOUT_MS = 10_000;

/** What `aig whoami --json` prints. */
export interface WhoamiReport {
  key: { masked: string; origin: string; kind: 'account' | 'sub_account' } | null;
  base_url: { url: string; origin: string };
  /** null: not checked (no usable key). */
  reachable: boolean | null;
  key_accepted: boolean | null;
  account: {
    scope: 'account' | 'sub_account';
    /** The sub-account's `key_prefix`, as `aig sub-account list` shows it. */
    key_prefix: string | null;
    month: string;
    spend_cents: number;
    requests: number;
  } | null;
  latency_ms: number | null;
  request_id: string | null;
  error: { code: string; message: string; exit_code: number } | null;
}

/** `sk-aig-…6789`; a sub-account key keeps the 12-character prefix the API lists it by. */
export function maskKey(key: string): string {
  const head = key.startsWith(SUB_ACCOUNT_KEY) ? key.slice(0, KEY_PREFIX_LENGTH) : 'sk-aig-';
  return `${head}…${key.slice(-4)}`;
}

async function check(
  rt: Runtime,
  settings: ResolvedSettings,
  report: WhoamiReport,
): Promise<DescribedError | undefined> {
  let key: string;
  try {
    key = requireApiKey(settings);
  } catch (error) {
    return await describeError(error);
  }
  const kind = key.startsWith(SUB_ACCOUNT_KEY) ? 'sub_account' : 'account';
  report.key = { masked: maskKey(key), origin: settings.keyOrigin ?? '', kind };
  const client = await rt.client();
  const started = Date.now();
  try {
    // Usage is scoped to the calling key (the account, or that sub-account) and needs a valid key: one call
    // says whether the gateway answers, whether it takes the key, and whose spend it is.
    const { data, requestId } = await client.usage
      .byTag(undefined, { signal: rt.signal, timeout: CHECK_TIMEOUT_MS, maxRetries: 0 })
      .withResponse();
    Object.assign(report, { reachable: true, key_accepted: true, latency_ms: Date.now() - started });
    report.request_id = requestId ?? null;
    report.account = {
      scope: kind,
      key_prefix: kind === 'sub_account' ? key.slice(0, KEY_PREFIX_LENGTH) : null,
      month: data.month,
      spend_cents: data.total_cents,
      requests: data.total_requests,
    };
    return undefined;
  } catch (error) {
    const described = await describeError(error);
    if (described.exitCode === ExitCode.Interrupted) throw error;
    // Any HTTP answer means the gateway is there; 401/403 mean it does not take this key.
    const answered = described.status !== undefined;
    report.reachable = answered;
    report.key_accepted = answered && (described.status === 401 || described.status === 403) ? false : null;
    report.latency_ms = answered ? Date.now() - started : null;
    report.request_id = described.requestId ?? null;
    return described;
  }
}

function printHuman(rt: Runtime, report: WhoamiReport, problem: DescribedError | undefined): void {
  const { c } = rt.out;
  const rows: [string, string][] = [];
  const key = report.key;
  rows.push([
    'Key',
    key
      ? `${key.masked} ${c.dim(`(${key.origin})`)}, ${key.kind === 'sub_account' ? 'a sub-account key' : 'an account key'}`
      : problem?.code === 'missing_api_key'
        ? c.yellow('none: set AIGATEWAY_API_KEY, pass --key-file PATH, or run aig init')
        : c.yellow(problem?.message ?? 'unusable'),
  ]);
  rows.push(['Base URL', `${report.base_url.url} ${c.dim(`(${report.base_url.origin})`)}`]);
  const latency = report.latency_ms === null ? '' : ` in ${report.latency_ms} ms`;
  rows.push([
    'Gateway',
    report.reachable === null
      ? c.dim('not checked (no usable key)')
      : !report.reachable
        ? c.red(`not reachable: ${problem?.message ?? 'no answer'}`)
        : report.key_accepted === true
          ? `${c.green('reachable')}, key accepted${latency}`
          : report.key_accepted === false
            ? `reachable${latency}, ${c.red('key rejected')}: ${problem?.message ?? ''}`
            : `reachable${latency}, ${c.yellow(`answered with an error: ${problem?.message ?? ''}`)}`,
  ]);
  const account = report.account;
  if (account) {
    const whose =
      account.scope === 'sub_account'
        ? `a sub-account (key prefix ${account.key_prefix}, as aig sub-account list shows it)`
        : 'the account (top-level key: manages sub-accounts)';
    rows.push(['Belongs to', whose]);
    rows.push([
      'This month',
      `${dollars(account.spend_cents)} over ${count(account.requests)} request${account.requests === 1 ? '' : 's'} (${account.month}; aig usage for details)`,
    ]);
  }
  if (report.request_id) rows.push(['Request id', c.dim(report.request_id)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) rt.out.line(`${c.bold(label.padEnd(width))}  ${value}`);
}

async function run(rt: Runtime): Promise<void> {
  const settings = await rt.settings();
  const report: WhoamiReport = {
    key: null,
    base_url: { url: settings.baseURL, origin: settings.baseURLOrigin },
    reachable: null,
    key_accepted: null,
    account: null,
    latency_ms: null,
    request_id: null,
    error: null,
  };
  const problem = await check(rt, settings, report);
  if (problem) report.error = { code: problem.code, message: problem.message, exit_code: problem.exitCode };
  if (rt.out.json) rt.out.result(report);
  else printHuman(rt, report, problem);
  // The report is the answer, printed either way; a problem still sets the exit code, with its error line.
  if (problem) {
    throw new CliError(problem.message, {
      code: problem.code,
      exitCode: problem.exitCode,
      requestId: problem.requestId,
      status: problem.status,
      type: problem.type,
      details: problem.details,
    });
  }
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description(
      'Show which key aig uses (masked) and where it came from, the base URL and where it came from, whether the ' +
        'gateway answers and takes the key, and whose it is (the account or a sub-account). Exits 3 when there is ' +
        'no usable key or the gateway rejects it, 7 when the gateway cannot be reached.',
    )
    .action(async (_options: object, cmd: Command) => run(new Runtime(ctx, cmd)));
  withExamples(command, [
    ['aig whoami', 'key, base URL, reachability, account'],
    ['aig status --json', 'the same report for scripts (exit code 0 only when all is well)'],
    ['aig whoami --base-url http://127.0.0.1:4010/v1 --key sk-aig-emulator-dev', 'check another gateway'],
  ]);
};
