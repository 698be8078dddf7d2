import { schemas } from 'aigateway-contract';
import type { EvalRun } from 'aigateway-js/client';
import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { inAigTerms } from '../core/advice.js';
import { dollars } from '../core/format.js';
import { withExamples } from '../core/help.js';
import { parseList } from '../core/parse.js';
import { startProgress } from '../core/progress.js';
import { missingInput, usageError } from '../errors.js';
import { readDataset } from '../eval/dataset.js';
import { keepingTheId, resumeCommand } from '../jobs/job-output.js';
import { Runtime } from '../runtime.js';

// The contract's EvalCreateRequest: metrics and how many candidates.
const METRICS = schemas.EvalMetric.enum;
type Metric = (typeof METRICS)[number];
const CANDIDATES = schemas.EvalCreateRequest.properties.candidate_models;

interface RunFlags {
  name?: string;
  candidates?: string;
  dataset?: string;
  metric: string;
  wait?: boolean;
}

function show(rt: Runtime, run: EvalRun): void {
  const { c } = rt.out;
  rt.out.line(
    `${c.bold(run.id)}  ${run.name}  ${run.status}  metric ${run.metric}  ${run.dataset_size} items`,
  );
  if (run.scores.length) {
    rt.out.line('');
    rt.out.table(
      [
        {
          header: 'MODEL',
          value: (s: EvalRun['scores'][number]) =>
            s.model === run.winner ? c.green(`${s.model} ★`) : s.model,
        },
        { header: 'SCORE', value: (s) => s.score.toFixed(3), align: 'right' },
        { header: 'LATENCY', value: (s) => `${Math.round(s.mean_latency_ms)} ms`, align: 'right' },
        { header: 'COST', value: (s) => dollars(s.cost_cents), align: 'right' },
        { header: 'SAMPLES', value: (s) => String(s.samples), align: 'right' },
      ],
      run.scores,
    );
    rt.out.line('');
  }
  if (run.status === 'failed') {
    // A failed run has no winner, and its alias is a 400: say why, and what to do instead.
    const why = run.error
      ? `${run.error.code}: ${inAigTerms(run.error.message)}`
      : 'the gateway gave no reason';
    rt.out.line(`error  ${c.red(why)}`);
    rt.out.line(`winner ${c.dim('(none: the run failed)')}`);
    rt.out.line(`alias  ${c.cyan(run.alias)}  (routes nowhere: start a new run with aig eval run)`);
    return;
  }
  rt.out.line(`winner ${run.winner ?? c.dim('(none yet)')}`);
  rt.out.line(`alias  ${c.cyan(run.alias)}  (use it as the model to route to the winner)`);
  if (run.status !== 'completed')
    rt.out.info(`Still ${run.status}: wait for it with aig eval wait ${run.id}.`);
}

async function runEval(rt: Runtime, flags: RunFlags): Promise<void> {
  if (!flags.name) throw missingInput('eval name', '--name <name>');
  if (!flags.candidates) throw missingInput('candidate models', '--candidates a,b');
  if (!flags.dataset) throw missingInput('dataset', '--dataset FILE.json|FILE.jsonl');
  const candidates = parseList(flags.candidates);
  if (candidates.length < CANDIDATES.minItems || candidates.length > CANDIDATES.maxItems) {
    throw usageError(
      `--candidates needs ${CANDIDATES.minItems} to ${CANDIDATES.maxItems} comma-separated models, got ${candidates.length}.`,
    );
  }
  const metric: Metric | undefined = METRICS.find((m) => m === flags.metric);
  if (!metric) throw usageError(`--metric must be one of ${METRICS.join(', ')}, got "${flags.metric}".`);
  const dataset = await readDataset(flags.dataset, rt.io.cwd);
  const client = await rt.client();
  const { data: created, requestId } = await client.evals
    .create({ name: flags.name, candidate_models: candidates, dataset, metric }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  const run = flags.wait ? await waitForEval(rt, client, created.id, true) : created;
  if (rt.out.json) rt.out.result(run);
  else show(rt, run);
}

/** Waits for a run with progress; stopped early (Ctrl-C, --timeout), the error says how to resume. */
async function waitForEval(
  rt: Runtime,
  client: Awaited<ReturnType<Runtime['client']>>,
  id: string,
  justCreated: boolean,
): Promise<EvalRun> {
  // The id is the only handle on the run: show it before waiting, so an interrupted wait never loses it.
  if (justCreated) rt.out.info(`Started ${id}; waiting for its scores. Ctrl-C stops waiting, not the run.`);
  const progress = startProgress(rt, `${id} queued`);
  try {
    return await keepingTheId(rt, id, resumeCommand(rt, `eval wait ${id}`), () =>
      client.evals.wait(id, {
        signal: rt.interruptSignal,
        timeout: rt.waitSeconds * 1000,
        onProgress: (r) =>
          progress.update(
            `${r.id} ${r.status} ${r.scores.reduce((n, s) => n + s.samples, 0)} samples graded`,
            r.status,
          ),
      }),
    );
  } finally {
    progress.stop();
  }
}

export const define: DefineCommand = (command, ctx) => {
  command.description(
    'Grade candidate models on your dataset; route with model "eval:<id>" to whichever wins.',
  );
  const run: Command = command
    .command('run')
    .description('Start an eval run (and with --wait, wait for the scores).')
    .option('--name <name>', 'a name for the run')
    .option('--candidates <models>', '2-10 comma-separated chat models')
    .option('--dataset <file>', '.json array or .jsonl of {"input": "...", "expected": "..."}')
    .option('--metric <metric>', `one of ${METRICS.join(', ')}`, 'quality')
    .option(
      '--wait',
      'wait until the run completes and print the scores (give up after --timeout, default 600 s)',
    )
    .action(async (flags: RunFlags, cmd: Command) => runEval(new Runtime(ctx, cmd), flags));
  withExamples(run, [
    [
      'aig eval run --name summarize --candidates anthropic/claude-opus-4.7,moonshot/kimi-k2.6 --dataset data.jsonl --wait',
      'grade two models',
    ],
    ['aig eval run --name qa --candidates a/x,b/y --dataset qa.json --metric exact_match --json', 'for CI'],
  ]);
  const get: Command = command
    .command('get')
    .description('Show a run: scores, winner and the eval:<id> alias.')
    .argument('<id>', 'eval run id (eval_…)')
    .action(async (id: string, _f: object, cmd: Command) => {
      const rt = new Runtime(ctx, cmd);
      const client = await rt.client();
      const evalRun = await client.evals.retrieve(id, { signal: rt.signal });
      if (rt.out.json) rt.out.result(evalRun);
      else show(rt, evalRun);
    });
  withExamples(get, [['aig eval get eval_abc', 'scores and the alias to use']]);
  const waitCmd: Command = command
    .command('wait')
    .description('Wait until a run completes (progress on stderr; give up after --timeout, default 600 s).')
    .argument('<id>', 'eval run id (eval_…)')
    .action(async (id: string, _f: object, cmd: Command) => {
      const rt = new Runtime(ctx, cmd);
      const client = await rt.client();
      const evalRun = await waitForEval(rt, client, id, false);
      if (rt.out.json) rt.out.result(evalRun);
      else show(rt, evalRun);
    });
  withExamples(waitCmd, [['aig eval wait eval_abc --timeout 1200', 'pick up a wait that was stopped']]);
  withExamples(command, [
    ['aig eval run --name s --candidates a/x,b/y --dataset d.jsonl --wait', 'run and wait'],
    ['aig eval get eval_abc --json', 'a run as JSON'],
  ]);
};
