import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AIgateway, { APIError } from 'aigateway-js';
import { isLocalGateway, loadConfig } from './config.js';
import { runVideoJob } from './video-job.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const client = new AIgateway(); // AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL

  let receiver: WebhookReceiver | undefined;
  let webhookUrl: string | undefined;
  if (config.webhookSecret && (config.publicWebhookUrl || isLocalGateway(client.baseURL))) {
    receiver = await startWebhookReceiver({ secret: config.webhookSecret, port: config.port });
    webhookUrl = config.publicWebhookUrl ?? receiver.url;
    console.log(
      `webhook receiver on ${receiver.url}${config.publicWebhookUrl ? ` (public: ${webhookUrl})` : ''}`,
    );
  } else {
    console.log(
      'no webhook (set AIGATEWAY_WEBHOOK_SECRET, and WEBHOOK_PUBLIC_URL for the hosted gateway): polling only',
    );
  }

  try {
    const outcome = await runVideoJob(client, {
      model: config.model,
      prompt: config.prompt,
      duration: config.duration,
      webhookUrl,
      receiver,
      pollInterval: config.pollInterval,
      onCreated: (job) => console.log(`job ${job.id} ${job.status} (${job.model})`),
      onProgress: (job) => console.log(`  ${job.status.padEnd(9)} ${String(job.progress).padStart(3)}%`),
    });
    if (outcome.status === 'failed') {
      console.error(`job ${outcome.job.id} failed (reported by ${outcome.via}): ${outcome.reason}`);
      process.exitCode = 1;
      return;
    }
    await mkdir(config.outDir, { recursive: true });
    const path = join(config.outDir, 'video.mp4');
    await writeFile(path, outcome.video);
    console.log(
      `job ${outcome.job.id} completed (reported by ${outcome.via}); saved ${path} (${outcome.video.length} bytes)`,
    );
  } finally {
    await receiver?.close();
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof APIError && error.requestId ? ` (request ${error.requestId})` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${detail}`);
  process.exitCode = 1;
});
