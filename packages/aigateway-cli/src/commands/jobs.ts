import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { withExamples } from '../core/help.js';
import { parseInteger } from '../core/parse.js';
import { describeJob, saveJobResult, waitForJob } from '../jobs/job-output.js';
import { Runtime } from '../runtime.js';

interface WaitFlags {
  out?: string;
  timeout?: string;
}

async function get(rt: Runtime, id: string): Promise<void> {
  const client = await rt.client();
  const { data: job, requestId } = await client.jobs.retrieve(id, { signal: rt.signal }).withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) rt.out.result(job);
  else for (const line of describeJob(job, rt.out.c)) rt.out.line(line);
}

async function wait(rt: Runtime, id: string, flags: WaitFlags): Promise<void> {
  const timeoutSeconds =
    flags.timeout === undefined ? undefined : parseInteger(flags.timeout, '--timeout', 1);
  const client = await rt.client();
  const job = await waitForJob(rt, client, id, { timeoutSeconds });
  if (flags.out) await saveJobResult(rt, client, job, flags.out);
  if (rt.out.json) rt.out.result(job);
  else for (const line of describeJob(job, rt.out.c)) rt.out.line(line);
}

export const define: DefineCommand = (command, ctx) => {
  command.description('Inspect or wait for async jobs (video, music and 3D generations).');
  const getCmd: Command = command
    .command('get')
    .description('Print the current snapshot of a job.')
    .argument('<id>', 'job id (job_…)')
    .action(async (id: string, _options: object, cmd: Command) => get(new Runtime(ctx, cmd), id));
  withExamples(getCmd, [
    ['aig jobs get job_abc', 'status, progress, result URL'],
    ['aig jobs get job_abc --json', 'the full snapshot'],
  ]);
  const waitCmd: Command = command
    .command('wait')
    .description('Wait until a job completes (progress on a terminal) and optionally download its result.')
    .argument('<id>', 'job id (job_…)')
    .option('--out <path>', 'save the result file here')
    .option('--timeout <seconds>', 'give up after this long (default 600)')
    .action(async (id: string, options: WaitFlags, cmd: Command) => wait(new Runtime(ctx, cmd), id, options));
  withExamples(waitCmd, [
    ['aig jobs wait job_abc --out sunset.mp4', 'wait, then download'],
    ['aig jobs wait job_abc --json --timeout 120', 'for scripts; exit 7 if it fails'],
  ]);
  withExamples(command, [
    ['aig jobs get job_abc', 'one snapshot'],
    ['aig jobs wait job_abc --out video.mp4', 'wait and download'],
  ]);
};
