import type AIgateway from 'aigateway-js';
import { type Job, JobFailedError } from 'aigateway-js';
import type { WebhookReceiver } from './webhook-receiver.js';

export interface VideoJobOptions {
  model: string;
  prompt: string;
  /** Seconds of video. */
  duration: number;
  /** Where the gateway POSTs the finished job; omit to rely on polling alone. */
  webhookUrl?: string;
  /** Receives the webhook sent to `webhookUrl`. */
  receiver?: Pick<WebhookReceiver, 'waitFor'>;
  /** Called once the job is queued. */
  onCreated?: (job: Job) => void;
  /** Called with every polled snapshot (`status`, `progress` 0–100). */
  onProgress?: (job: Job) => void;
  /** First poll delay in ms (then ×1.5, up to 10 s). Default 1000. */
  pollInterval?: number;
  /** Give up after this many ms. Default 10 minutes. */
  timeout?: number;
}

export type VideoJobOutcome =
  | { status: 'completed'; via: 'webhook' | 'polling'; job: Job; video: Uint8Array }
  | { status: 'failed'; via: 'webhook' | 'polling'; job: Job; reason: string };

type Settled = { via: 'webhook' | 'polling'; job: Job };

/**
 * Generates a video and waits for it two ways at once: the signed webhook (the production path)
 * and polling with progress (the fallback, and what shows a progress bar). Whichever reports the
 * final job first wins and the other stops. A completed video is downloaded from its signed
 * `result_url`.
 */
export async function runVideoJob(client: AIgateway, options: VideoJobOptions): Promise<VideoJobOutcome> {
  const job = await client.videos.generate({
    model: options.model,
    prompt: options.prompt,
    duration: options.duration,
    ...(options.webhookUrl ? { webhook_url: options.webhookUrl } : {}),
  });
  options.onCreated?.(job.toJSON());

  const stop = new AbortController();
  const polled: Promise<Settled> = job
    .wait({
      onProgress: options.onProgress,
      pollInterval: options.pollInterval,
      timeout: options.timeout,
      signal: stop.signal,
    })
    .then(
      (done) => ({ via: 'polling', job: done }),
      (error: unknown) => {
        if (error instanceof JobFailedError) return { via: 'polling', job: error.job };
        throw error;
      },
    );
  const contenders = [polled];
  if (options.webhookUrl && options.receiver) {
    contenders.push(
      options.receiver.waitFor(job.id, stop.signal).then((event) => ({ via: 'webhook', job: event.data })),
    );
  }
  let settled: Settled;
  try {
    settled = await Promise.race(contenders);
  } finally {
    stop.abort();
    // The loser rejects with the abort; nothing to report.
    for (const contender of contenders) contender.catch(() => {});
  }

  const { via, job: final } = settled;
  if (final.status !== 'completed' || !final.result_url) {
    return { status: 'failed', via, job: final, reason: final.error?.message ?? 'the job failed' };
  }
  // result_url is signed and expiring: the SDK fetches it without sending your key.
  const file = await client.files.download(final.result_url);
  return { status: 'completed', via, job: final, video: new Uint8Array(await file.arrayBuffer()) };
}
