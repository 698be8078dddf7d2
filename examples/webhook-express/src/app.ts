import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from 'aigateway-js/webhooks';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { DeliveryInbox } from './inbox.js';
import { BackgroundProcessor, type EventHandler } from './processor.js';

export const WEBHOOK_PATH = '/webhooks/aigateway';

export interface WebhookAppOptions {
  /** The webhook signing secret (`whsec_…`), e.g. `process.env.AIGATEWAY_WEBHOOK_SECRET`. */
  secret: string;
  /** Records each delivery id once (see `DeliveryInbox`). */
  inbox: DeliveryInbox;
  /** Runs once per delivery, after the response has been sent. */
  onEvent: EventHandler;
  /** The clock for the signature's timestamp check. Default `Date.now`; tests pass the emulator's. */
  now?: () => number;
}

/**
 * An Express 5 app that verifies AIgateway webhooks, acknowledges them at once and processes each
 * delivery id exactly once, after the response.
 */
export function createWebhookApp(options: WebhookAppOptions): {
  app: Express;
  processor: BackgroundProcessor;
} {
  if (!options.secret) {
    throw new Error('Missing webhook secret: set AIGATEWAY_WEBHOOK_SECRET (whsec_…) from your dashboard.');
  }
  const processor = new BackgroundProcessor(options.onEvent);
  const app = express();

  // The signature covers the raw bytes, so this route gets a Buffer, never parsed JSON. It is
  // registered before express.json(), which would otherwise consume the body first.
  app.post(WEBHOOK_PATH, express.raw({ type: 'application/json', limit: '1mb' }), async (req, res) => {
    let event: WebhookEvent;
    try {
      event = verifyWebhook(req.body, req.headers, options.secret, { now: options.now });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        // Not from the gateway (or mangled on the way): a 400 the gateway will not retry forever.
        res.status(400).json({ error: error.reason });
        return;
      }
      throw error;
    }
    const isNew = await options.inbox.record(event);
    // Acknowledge first: the gateway only needs to know the delivery is safely recorded.
    res.status(isNew ? 202 : 200).json({ received: true, duplicate: !isNew });
    if (isNew) processor.enqueue(event);
  });

  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    console.error('webhook handler failed:', error instanceof Error ? error.message : error);
    res.status(500).json({ error: 'internal_error' });
  };
  app.use(onError);

  return { app, processor };
}
