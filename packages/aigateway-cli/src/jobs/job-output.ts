import type { AIgateway, Job } from 'aigateway-js';
import type { ChalkInstance } from 'chalk';
import { writeOutputFile } from '../core/files.js';
import { dollars, isoTime } from '../core/format.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

/** Human lines describing a job snapshot. */
export function describeJob(job: Job, c: ChalkInstance): string[] {
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

export interface WaitOptions {
  timeoutSeconds?: number | undefined;
}

/** Polls until the job settles, with a spinner and progress on a TTY (stderr). Throws JobFailedError on failure. */
export async function waitForJob(
  rt: Runtime,
  client: AIgateway,
  id: string,
  options: WaitOptions = {},
): Promise<Job> {
  const status = rt.out.status(`${id} queued`);
  try {
    const job = await client.jobs.wait(id, {
      signal: rt.signal,
      ...(options.timeoutSeconds === undefined ? {} : { timeout: options.timeoutSeconds * 1000 }),
      onProgress: (snapshot) => status.update(`${id} ${snapshot.status} ${snapshot.progress}%`),
    });
    status.stop();
    return job;
  } catch (error) {
    status.stop();
    throw error;
  }
}

/** Downloads a completed job's result to `path`; returns the number of bytes written. */
export async function saveJobResult(rt: Runtime, client: AIgateway, job: Job, path: string): Promise<number> {
  if (!job.result_url) {
    throw new CliError(`${job.id} has no result to download (status ${job.status}).`, {
      code: 'no_result',
      exitCode: ExitCode.NotFound,
    });
  }
  const response = await client.files.download(job.result_url, { signal: rt.signal });
  const bytes = new Uint8Array(await response.arrayBuffer());
  await writeOutputFile(path, bytes, rt.io.cwd);
  rt.out.success(`Saved ${job.result?.content_type ?? 'result'} (${bytes.length} bytes) to ${path}`);
  return bytes.length;
}
