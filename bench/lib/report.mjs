// Renders suite results as Markdown: one summary of targets, then each suite's tables.
import { fmt } from './format.mjs';

function table(columns, rows) {
  const esc = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

const verdict = (t) =>
  (t.met === true ? '✅ met' : t.met === false ? '❌ missed' : '— n/a') + (t.noisy ? ' (noisy)' : '');

export function summaryTable(results) {
  const rows = results.flatMap((r) =>
    (r.ok ? r.result.targets : []).map((t) => [t.name, t.goal, t.measured, t.rounds, t.cpu, verdict(t)]),
  );
  const columns = ['target', 'goal', 'measured (median)', 'rounds (min–max)', 'same on CPU time', 'verdict'];
  return rows.length ? table(columns, rows) : '_No targets measured._';
}

export function suiteSection(entry) {
  if (!entry.ok)
    return `## ${entry.title}\n\n**Did not complete:** ${entry.error.split('\n')[0]}\n\n\`\`\`\n${entry.error}\n\`\`\``;
  const r = entry.result;
  const parts = [`## ${r.title}`, r.description];
  for (const t of r.tables)
    parts.push(t.caption ? `${t.caption}\n\n${table(t.columns, t.rows)}` : table(t.columns, t.rows));
  for (const note of r.notes ?? []) parts.push(`_${note}_`);
  if (entry.footer) parts.push(entry.footer);
  return parts.join('\n\n');
}

export function header(m, cfg, seconds, loadAfter) {
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    `- **Date:** ${m.date} · **commit** \`${m.commit}\`${m.dirtyFiles ? ` (+ ${m.dirtyFiles} uncommitted tracked files in the working tree)` : ''}`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${fmt(m.memoryGiB, 1)} GiB RAM, ${m.os}`,
    `- **Node.js:** ${m.node}`,
    `- **Load average (1/5/15 min):** ${load(m.loadavg)} at the start, ${load(loadAfter)} at the end`,
    `- **Mode:** ${cfg.quick ? 'quick (BENCH_QUICK=1: smaller counts, no registry installs)' : 'full'}; took ${fmt(seconds)} s`,
  ];
  if (cfg.loadNote) lines.push(`- **Conditions:** ${cfg.loadNote}`);
  return lines.join('\n');
}
