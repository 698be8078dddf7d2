import type { AIgateway, Job } from 'aigateway-js/client';
import { seconds } from '../core/deadline.js';
import { describeError } from '../core/describe-error.js';
import { dollars, isoTime } from '../core/format.js';
import { startProgress } from '../core/progress.js';
import { type BinaryDestination, checkExtension, type OutFlags, saveBinary } from '../core/results.js';
import { shellQuote } from '../core/shell.js';
import type { Styles } from '../core/terminal.js';
import { CliError, interrupted } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

/** Human lines describing a job snapshot. */
export function describeJob(job: Job, c: Styles): string[] {
  const status =
    job.status === 'completed'
      ? c.green(job.status)
      : job.status === 'failed'
        ? c.red(job.status)
        : c.yellow(job.status);
  const lines = [`${c.bold(job.id)}  ${job.type}  ${job.model}  ${status}  ${job.progress}%`];
  lines.push(
    `created ${isoTime(job.created_at)}  completed ${isoTime(job.completed_at)}  cost ${dollars(job.cost_cents)}`,
  );
  if (job.result_url) lines.push(`result ${job.result_url}`);
  if (job.result) lines.push(`       ${job.result.content_type}, ${job.result.bytes} bytes`);
  if (job.error) lines.push(c.red(`error ${job.error.code}: ${job.error.message}`));
  if (job.webhook_url) lines.push(`webhook ${job.webhook_url}`);
  return lines;
}

/**
 * The command that picks a wait up again where it stopped: `aig jobs wait job_… --out cc.mp4`, with the flags
 * that pointed this run at its gateway (never a key itself).
 */
export function resumeCommand(rt: Runtime, command: string, flags: OutFlags = {}): string {
  const parts = ['aig', command];
  if (rt.globals.baseUrl !== undefined) parts.push('--base-url', shellQuote(rt.globals.baseUrl));
  if (rt.globals.keyFile !== undefined) parts.push('--key-file', shellQuote(rt.globals.keyFile));
  if (flags.out !== undefined) parts.push('--out', shellQuote(flags.out));
  if (flags.force) parts.push('--force');
  return parts.join(' ');
}

/**
 * Runs `work` (a wait, a download) for the job or eval run `id`. Whatever stops it early — Ctrl-C, the
 * --timeout, a dropped connection — the error says the run goes on on the gateway and how to pick it up
 * (`resume`), and carries the id (`job_id` or `eval_id` in the JSON error). A run that failed is reported as is.
 */
export async function keepingTheId<T>(
  rt: Runtime,
  id: string,
  resume: string,
  work: () => Promise<T>,
): Promise<T> {
  const key = id.startsWith('eval_') ? 'eval_id' : 'job_id';
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const sdk = await import('aigateway-js/client');
    if (error instanceof sdk.JobFailedError || error instanceof sdk.EvalFailedError) throw error;
    if (error instanceof sdk.APIUserAbortError && rt.interruptSignal?.aborted) {
      throw interrupted(`Stopped waiting; ${id} is still running on the gateway. Resume with: ${resume}`, {
        [key]: id,
      });
    }
    if (error instanceof sdk.JobTimeoutError) {
      const status = error.job?.status ?? 'running';
      throw new CliError(
        `${id} is still ${status} after ${seconds(rt.waitSeconds)}; it keeps running on the gateway. ` +
          `Resume with: ${resume} (add --timeout <seconds> to wait longer).`,
        { code: 'timeout', exitCode: ExitCode.Provider, details: { [key]: id } },
      );
    }
    const described = await describeError(error, { interrupted: rt.interruptSignal?.aborted === true });
    throw new CliError(`${described.message} ${id} is not lost: resume with ${resume}`, {
      code: described.code,
      exitCode: described.exitCode,
      requestId: described.requestId,
      status: described.status,
      type: described.type,
      details: { ...described.details, [key]: id },
      cause: error,
    });
  }
}

/**
 * Polls until the job settles, reporting progress (a spinner on a terminal, a line at least every 30 s
 * elsewhere); throws JobFailedError when it fails. Stopped early, the error names the job and `resume`.
 */
export async function waitForJob(rt: Runtime, client: AIgateway, id: string, resume: string): Promise<Job> {
  const progress = startProgress(rt, `${id} queued`);
  try {
    return await keepingTheId(rt, id, resume, () =>
      client.jobs.wait(id, {
        signal: rt.interruptSignal,
        timeout: rt.waitSeconds * 1000,
        onProgress: (snapshot) =>
          progress.update(`${id} ${snapshot.status} ${snapshot.progress}%`, snapshot.status),
      }),
    );
  } finally {
    progress.stop();
  }
}

/**
 * Downloads a completed job's result to `destination`; returns what `--json` adds (`out`, `bytes`,
 * `content_type`). A mismatched --out extension is refused before anything is written.
 */
export async function saveJobResult(
  rt: Runtime,
  client: AIgateway,
  job: Job,
  destination: NonNullable<BinaryDestination>,
  flags: OutFlags,
): Promise<{ out: string; bytes: number; content_type: string | null }> {
  const url = job.result_url;
  if (!url) {
    throw new CliError(`${job.id} has no result to download (status ${job.status}).`, {
      code: 'no_result',
      exitCode: ExitCode.NotFound,
      details: { job_id: job.id },
    });
  }
  const contentType = job.result?.content_type;
  if (destination.kind !== 'stdout') {
    checkExtension(
      destination.path,
      contentType,
      (path) =>
        `${job.id} is done: save it with ${resumeCommand(rt, `jobs wait ${job.id}`, { ...flags, out: path })}`,
    );
  }
  const resume = resumeCommand(rt, `jobs wait ${job.id}`, flags);
  const bytes = await keepingTheId(rt, job.id, resume, async () => {
    // The deadline covers the wait for an answer; a large file may then take as long as it takes.
    const deadline = rt.deadline();
    const response = await client.files.download(url, { signal: deadline.signal });
    deadline.settle();
    return new Uint8Array(await response.arrayBuffer());
  });
  return saveBinary(rt, destination, bytes, flags, contentType);
}
