import type { WebhookEvent } from 'aigateway-js/webhooks';

/** What the app keeps about a finished job (your database row). */
export interface JobResult {
  jobId: string;
  type: string;
  model: string;
  status: 'completed' | 'failed';
  /** Signed and expiring: download it soon, or ask for a fresh one with `files.createSignedUrl`. */
  resultUrl: string | null;
  error: string | null;
  receivedAt: Date;
}

const store = globalThis as typeof globalThis & { __aigJobResults?: Map<string, JobResult> };
store.__aigJobResults ??= new Map<string, JobResult>();
const results = store.__aigJobResults;

/** The example's processing of a verified event: remember the job's outcome. */
export function recordJobResult(event: WebhookEvent): JobResult {
  const job = event.data;
  const result: JobResult = {
    jobId: job.id,
    type: job.type,
    model: job.model,
    status: job.status,
    resultUrl: event.type === 'job.completed' ? event.data.result_url : null,
    error: event.type === 'job.failed' ? event.data.error.message : null,
    receivedAt: new Date(),
  };
  results.set(job.id, result);
  return result;
}

export function jobResult(jobId: string): JobResult | undefined {
  return results.get(jobId);
}

/** Newest first. */
export function listJobResults(): JobResult[] {
  return [...results.values()].reverse();
}
