// Eval-driven routing: grade two models on a dataset, then call `eval:<run_id>`, which answers
// with whichever model won.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, expectExit, parseJson } from '../runner.mjs';

const CANDIDATES = ['anthropic/claude-opus-4.7', 'moonshot/kimi-k2.6'];

const DATASET = [
  {
    input: 'Summarise: the meeting moved from Monday to Tuesday at 10am.',
    expected: 'Meeting moved to Tuesday 10am.',
  },
  {
    input: 'Summarise: invoices are now due 30 days after delivery.',
    expected: 'Invoices due 30 days after delivery.',
  },
  { input: 'Summarise: the office is closed on Friday for maintenance.', expected: 'Office closed Friday.' },
];

export const evalRun = {
  title: 'Eval run',
  what: `Grade ${CANDIDATES.join(' and ')} on a 3-item dataset and wait for the winner.`,
  async run({ aig, ui, dir, values }) {
    await writeFile(join(dir, 'dataset.jsonl'), `${DATASET.map((d) => JSON.stringify(d)).join('\n')}\n`);
    const r = await aig([
      'eval',
      'run',
      '--name',
      'demo-summarize',
      '--candidates',
      CANDIDATES.join(','),
      '--dataset',
      'dataset.jsonl',
      '--wait',
      '--json',
    ]);
    expectExit(r, 0, 'aig eval run --wait');
    const run = parseJson(r.stdout, 'aig eval run --json');
    check(run.status === 'completed', `the eval run is ${run.status}, expected completed`);
    check(CANDIDATES.includes(run.winner), `the winner ${run.winner} is not a candidate`);
    check(run.alias === `eval:${run.id}`, `the alias is ${run.alias}, expected eval:${run.id}`);
    ui.output(
      [
        ...run.scores.map(
          (s) => `${s.model.padEnd(28)} score ${s.score.toFixed(3)}  ${Math.round(s.mean_latency_ms)} ms`,
        ),
        `winner ${run.winner}, alias ${run.alias}`,
      ].join('\n'),
    );
    values.evalRun = run;
    return `${run.id} completed; winner ${run.winner}`;
  },
};

export const evalAlias = {
  title: 'Chat through eval:<run_id>',
  what: 'Production code calls the alias; the gateway routes it to the current winner.',
  needs: ['evalRun'],
  async run({ aig, ui, values }) {
    const { alias, winner } = values.evalRun;
    const r = await aig(['call', alias, 'Summarise: the release moves to Friday.', '--no-stream', '--json']);
    expectExit(r, 0, `aig call ${alias}`);
    const completion = parseJson(r.stdout, 'aig call --json');
    const answer = completion.choices?.[0]?.message?.content ?? '';
    ui.output(`model ${completion.model}\n${answer}`);
    check(answer.length > 0, `${alias} returned no answer`);
    check(
      completion.model === winner,
      `${alias} answered with ${completion.model}, expected the winner ${winner}`,
    );
    return `${alias} resolved to the winner, ${winner}`;
  },
};
