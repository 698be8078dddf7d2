import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from 'aigateway-js/webhooks';
import { claimDelivery } from '../../../../lib/deliveries';
import { recordJobResult } from '../../../../lib/job-results';

// verifyWebhook uses node:crypto. On the edge runtime, use `await verifyWebhookAsync(...)` instead.
export const runtime = 'nodejs';

/** Receives AIgateway job webhooks: POST /api/webhooks/aigateway. */
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.AIGATEWAY_WEBHOOK_SECRET;
  if (!secret) {
    console.error('AIGATEWAY_WEBHOOK_SECRET is not set: add your whsec_… secret to .env.local.');
    return Response.json({ error: 'webhook_secret_not_configured' }, { status: 500 });
  }

  // The raw text, not request.json(): the signature covers the exact bytes that were sent.
  const rawBody = await request.text();
  let event: WebhookEvent;
  try {
    event = verifyWebhook(rawBody, request.headers, secret);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return Response.json({ error: error.reason }, { status: 400 });
    }
    throw error;
  }

  // Retries (and replays) of one event share its dedupe key, derived from the signed body:
  // acknowledge them without doing the work twice. The delivery id is not signed: logs only.
  if (!claimDelivery(event.dedupeKey)) {
    return Response.json({ received: true, duplicate: true });
  }
  // Quick work only: the gateway retries if there is no 2xx within 10 s. For slow work, wrap it
  // in `after(() => …)` from 'next/server' so it runs after the response is sent.
  recordJobResult(event);
  return Response.json({ received: true, duplicate: false });
}
