import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { count, dollars } from '../core/format.js';
import { withExamples } from '../core/help.js';
import { parseMonth } from '../core/parse.js';
import { Runtime } from '../runtime.js';

interface UsageOptions {
  month?: string;
}

async function run(rt: Runtime, options: UsageOptions): Promise<void> {
  const month = options.month === undefined ? undefined : parseMonth(options.month);
  const client = await rt.client();
  const { data: usage, requestId } = await client.usage
    .byTag(month === undefined ? undefined : { month }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) {
    rt.out.result(usage);
    return;
  }
  const { c } = rt.out;
  rt.out.line(
    `${c.bold(`Spend for ${usage.month}`)}: ${dollars(usage.total_cents)} over ${count(usage.total_requests)} requests`,
  );
  if (usage.data.length === 0) {
    rt.out.line('No requests this month. Send x-aig-tag (or --tag) to see spend per feature.');
    return;
  }
  rt.out.line('');
  const rows = [...usage.data].sort((a, b) => b.cost_cents - a.cost_cents);
  rt.out.table(
    [
      { header: 'TAG', value: (r) => r.tag ?? c.dim('(untagged)') },
      { header: 'REQUESTS', value: (r) => count(r.requests), align: 'right' },
      { header: 'COST', value: (r) => dollars(r.cost_cents), align: 'right' },
      { header: 'INPUT TOKENS', value: (r) => count(r.input_tokens), align: 'right' },
      { header: 'OUTPUT TOKENS', value: (r) => count(r.output_tokens), align: 'right' },
      { header: 'BYOK', value: (r) => count(r.byok_requests), align: 'right' },
    ],
    rows,
  );
}

export const define: DefineCommand = (command, ctx) => {
  command
    .description('Spend per x-aig-tag for a month, scoped to the key (a sub-account key sees its own).')
    .option('--month <YYYY-MM>', 'the month (default: the current one, UTC)')
    .action(async (options: UsageOptions, cmd: Command) => run(new Runtime(ctx, cmd), options));
  withExamples(command, [
    ['aig usage', 'this month, per tag'],
    ['aig usage --month 2026-04 --json', 'a past month, for scripts'],
  ]);
};
