// Spend per feature tag, as a script reads it: `aig usage --json`.
import { check, expectExit, parseJson } from '../runner.mjs';

/** Tags the earlier steps spent under: the chat, the video job and the sub-account's default tag. */
const EXPECTED_TAGS = ['demo-chat', 'demo-video', 'customer-42'];

const dollars = (cents) => `$${(cents / 100).toFixed(cents < 1 ? 5 : 4)}`;

export const usage = {
  title: 'aig usage --json',
  what: 'Spend per x-aig-tag this month, for the whole account (sub-accounts included).',
  async run({ aig, ui }) {
    const r = await aig(['usage', '--json']);
    expectExit(r, 0, 'aig usage --json');
    const report = parseJson(r.stdout, 'aig usage --json');
    check(report.object === 'usage.by_tag' && Array.isArray(report.data), 'not a usage.by_tag report');
    const width = Math.max(...report.data.map((row) => (row.tag ?? '(untagged)').length), 3);
    ui.output(
      [
        `${'TAG'.padEnd(width)}  REQUESTS  COST`,
        ...report.data.map(
          (row) =>
            `${(row.tag ?? '(untagged)').padEnd(width)}  ${String(row.requests).padStart(8)}  ${dollars(row.cost_cents)}`,
        ),
      ].join('\n'),
    );
    for (const tag of EXPECTED_TAGS) {
      const row = report.data.find((d) => d.tag === tag);
      check(row !== undefined && row.cost_cents > 0, `aig usage shows no spend for tag ${tag}`);
    }
    return `${report.month}: ${dollars(report.total_cents)} over ${report.total_requests} requests in ${report.data.length} tags`;
  },
};
