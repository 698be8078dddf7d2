// An async video job: submitted with `aig call --webhook-url`, its signed webhook verified by a local
// handler with verifyWebhook, and the same job fetched by polling (SDK jobs.wait and `aig jobs get`).
import { check, expectExit, parseJson } from '../runner.mjs';

const VIDEO_MODEL = 'runwayml/gen-4';

export const videoWebhook = {
  title: 'Video job + signed webhook',
  what: 'Submit a video job with webhook_url; a local handler verifies the delivery with verifyWebhook.',
  async run(ctx) {
    const { aig, ui, receiver, values, client, sdk, gw } = ctx;
    const args = ['call', VIDEO_MODEL, 'a sunset over mountains', '--duration', '2'];
    const r = await aig([
      ...args,
      '--no-wait',
      '--webhook-url',
      receiver.url,
      '--tag',
      'demo-video',
      '--json',
    ]);
    expectExit(r, 0, 'aig call --no-wait');
    const job = parseJson(r.stdout, 'aig call --json');
    check(typeof job.id === 'string' && job.id.startsWith('job_'), `expected a job id, got ${job.id}`);
    check(job.webhook_url === receiver.url, `the job's webhook_url is ${job.webhook_url}`);
    ui.output(`${job.id}  ${job.type}  ${job.status}  webhook_url ${job.webhook_url}`);
    values.jobId = job.id;
    // Poll at the same time (the next step shows it): both must see the same final job.
    const progress = [];
    values.polling = client.jobs.wait(job.id, {
      pollInterval: 200,
      timeout: 30_000,
      onProgress: (j) => progress.push(`${j.status} ${j.progress}%`),
    });
    values.polling.catch(() => {});
    values.progress = progress;

    const delivery = await receiver.waitFor(job.id, 30_000);
    const { event } = delivery;
    ui.note('POST /hooks/aigateway → verifyWebhook(rawBody, req.headers, secret) → 204');
    ui.output(
      [
        `x-aig-event-type   ${delivery.headers['x-aig-event-type']}`,
        `x-aig-signature    ${String(delivery.headers['x-aig-signature']).slice(0, 28)}…`,
        `x-aig-delivery-id  ${event.deliveryId}  (attempt ${event.attempt})`,
        `job                ${event.data.id} ${event.data.status}, ${event.data.result?.content_type}, ${event.data.result?.bytes} bytes`,
      ].join('\n'),
    );
    check(event.type === 'job.completed', `webhook event is ${event.type}, expected job.completed`);
    check(event.data.status === 'completed' && event.data.result_url, 'the webhook job has no result_url');
    values.webhookJob = event.data;

    // The same bytes with one field changed must not verify: that is what the signature is for.
    const tampered = Buffer.from(delivery.raw.toString('utf8').replace('"completed"', '"failed"'));
    let reason;
    try {
      sdk.verifyWebhook(tampered, delivery.headers, gw.webhookSecret);
    } catch (error) {
      reason = error instanceof sdk.WebhookVerificationError ? error.reason : `unexpected ${error}`;
    }
    check(
      reason === 'no_matching_signature',
      `a tampered delivery was not rejected (${reason ?? 'accepted'})`,
    );
    return `job.completed delivery verified; a tampered copy is rejected (${reason})`;
  },
};

export const videoPolling = {
  title: 'Same job by polling',
  what: 'Without a webhook: client.jobs.wait(id) polls GET /v1/jobs/:id; aig jobs get prints a snapshot.',
  needs: ['jobId', 'polling'],
  async run({ aig, ui, values }) {
    const done = await values.polling;
    ui.note(`client.jobs.wait('${values.jobId}'): ${values.progress.join(' → ') || done.status}`);
    check(done.status === 'completed', `jobs.wait ended with status ${done.status}`);
    const hook = values.webhookJob;
    if (hook) {
      for (const field of ['id', 'status', 'completed_at', 'cost_cents', 'request_id']) {
        check(
          done[field] === hook[field],
          `polled ${field} ${done[field]} differs from the webhook's ${hook[field]}`,
        );
      }
    }
    const r = await aig(['jobs', 'get', values.jobId]);
    expectExit(r, 0, 'aig jobs get');
    ui.output(r.stdout);
    check(
      r.stdout.includes(values.jobId) && r.stdout.includes('completed'),
      'aig jobs get does not show the completed job',
    );
    return `completed; polling and the webhook agree${hook ? '' : ' (no webhook to compare)'}`;
  },
};
