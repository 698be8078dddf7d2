import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createWebhookApp, WEBHOOK_PATH } from './app.js';
import { describeJobEvent } from './handle-job-event.js';
import { MemoryInbox } from './inbox.js';

if (existsSync('.env')) process.loadEnvFile('.env');

function main(): void {
  const { app } = createWebhookApp({
    secret: process.env.AIGATEWAY_WEBHOOK_SECRET ?? '',
    inbox: new MemoryInbox(),
    onEvent: (event) => {
      console.log(`delivery ${event.deliveryId} (attempt ${event.attempt}): ${describeJobEvent(event)}`);
    },
  });
  const server = createServer(app);
  server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : '?';
    console.log(`Listening for AIgateway webhooks on http://localhost:${port}${WEBHOOK_PATH}`);
  });
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
