import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import type { ExecutionContext } from 'hono';
import { WEBHOOK_PATH } from './app.js';
import worker from './worker.js';

// Local development on Node.js (`wrangler dev` does the same on workerd): env from the process.
if (existsSync('.env')) process.loadEnvFile('.env');

const env = { AIGATEWAY_WEBHOOK_SECRET: process.env.AIGATEWAY_WEBHOOK_SECRET };
if (!env.AIGATEWAY_WEBHOOK_SECRET) {
  console.error('Set AIGATEWAY_WEBHOOK_SECRET (whsec_…; the emulator uses whsec_emulator_dev).');
  process.exit(1);
}

// Node has no ExecutionContext; this one lets waitUntil work run after the response, as on Workers.
const ctx: ExecutionContext = {
  waitUntil: (promise) => {
    promise.catch((error: unknown) => console.error('background work failed:', error));
  },
  passThroughOnException: () => {},
  props: {},
};

const port = Number(process.env.PORT ?? 8787);
serve({ fetch: (request) => worker.fetch(request, env, ctx), port, hostname: '127.0.0.1' }, (info) => {
  console.log(`Listening for AIgateway webhooks on http://127.0.0.1:${info.port}${WEBHOOK_PATH}`);
});
