import type { Command } from 'commander';
import type { DefineCommand } from '../command-manifest.js';
import { withExamples } from '../core/help.js';
import { binaryDestination, type OutFlags } from '../core/results.js';
import { describeJob, resumeCommand, saveJobResult, waitForJob } from '../jobs/job-output.js';
import { Runtime } from '../runtime.js';

async function get(rt: Runtime, id: string): Promise<void> {
  const client = await rt.client();
  const { data: job, requestId } = await client.jobs.retrieve(id, { signal: rt.signal }).withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) rt.out.result(job);
  else for (const line of describeJob(job, rt.out.c)) rt.out.line(line);
}

async function wait(rt: Runtime, id: string, flags: OutFlags): Promise<void> {
  // Without --out the result stays on the gateway (its URL is printed): a piped stdout gets the snapshot.
  const destination = flags.out === undefined ? undefined : await binaryDestination(rt, flags, 'result');
  const client = await rt.client();
  const job = await waitForJob(rt, client, id, resumeCommand(rt, `jobs wait ${id}`, flags));
  const saved = destination ? await saveJobResult(rt, client, job, destination, flags) : undefined;
  if (rt.out.json) rt.out.result({ ...job, ...saved });
  else if (destination?.kind === 'stdout') return;
  else if (saved) rt.out.line(saved.out);
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
    .description(
      'Wait until a job completes (progress on stderr; give up after --timeout, default 600 s) and optionally download its result.',
    )
    .argument('<id>', 'job id (job_…)')
    .option('--out <path>', 'save the result here ("-": stdout)')
    .option('--force', 'replace an existing --out file (keeping its mode)')
    .action(async (id: string, options: OutFlags, cmd: Command) => wait(new Runtime(ctx, cmd), id, options));
  withExamples(waitCmd, [
    ['aig jobs wait job_abc --out sunset.mp4', 'wait, then download'],
    ['aig jobs wait job_abc --json --timeout 120', 'for scripts; exit 7 if it fails or is still running'],
  ]);
  withExamples(command, [
    ['aig jobs get job_abc', 'one snapshot'],
    ['aig jobs wait job_abc --out video.mp4', 'wait and download'],
  ]);
};
