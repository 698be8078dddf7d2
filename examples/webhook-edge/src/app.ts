import { verifyWebhookAsync, type WebhookEvent, WebhookVerificationError } from 'aigateway-js/webhooks';
import { Hono } from 'hono';
import type { DeliveryInbox } from './inbox.js';

/** Worker bindings (wrangler secrets / vars). */
export interface Bindings {
  /** `wrangler secret put AIGATEWAY_WEBHOOK_SECRET` (whsec_…). */
  AIGATEWAY_WEBHOOK_SECRET?: string;
}

export interface WebhookAppOptions {
  inbox: DeliveryInbox;
  /** Runs once per delivery, after the response (through `executionCtx.waitUntil`). */
  onEvent: (event: WebhookEvent) => Promise<void> | void;
}

export const WEBHOOK_PATH = '/webhooks/aigateway';

/**
 * A Web-standard `fetch(Request, env, ctx) → Response` app (Hono) for AIgateway webhooks, using
 * the Web Crypto verifier so it runs on Cloudflare Workers, Vercel Edge, Deno, Bun and Node.js.
 */
export function createWebhookApp(options: WebhookAppOptions): Hono<{ Bindings: Bindings }> {
  const app = new Hono<{ Bindings: Bindings }>();

  app.post(WEBHOOK_PATH, async (c) => {
    const secret = c.env.AIGATEWAY_WEBHOOK_SECRET;
    if (!secret) {
      console.error('AIGATEWAY_WEBHOOK_SECRET is not set: `wrangler secret put AIGATEWAY_WEBHOOK_SECRET`.');
      return c.json({ error: 'webhook_secret_not_configured' }, 500);
    }
    let event: WebhookEvent;
    try {
      // The raw text: the signature covers the exact bytes that were sent.
      event = await verifyWebhookAsync(await c.req.text(), c.req.raw.headers, secret);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.json({ error: error.reason }, 400);
      throw error;
    }
    if (!(await options.inbox.claim(event.dedupeKey))) {
      return c.json({ received: true, duplicate: true }, 200);
    }
    // Acknowledge now, process after the response: the gateway retries anything not 2xx within 10 s.
    c.executionCtx.waitUntil(Promise.resolve().then(() => options.onEvent(event)));
    return c.json({ received: true, duplicate: false }, 202);
  });

  return app;
}
