import type { JobCompletedEvent, JobFailedEvent } from '../../src/webhooks/index.js';

/** Test secrets: fake, but shaped like real ones so "never in a message" checks are meaningful. */
export const SECRET = 'whsec_test_5f8c2b1e9d7a4c3b8e6f1a2d9c7b5e3f';
export const OLD_SECRET = 'whsec_test_old_0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const NOW_SECONDS = 1_745_000_000;
export const NOW = (): number => NOW_SECONDS * 1000;

/** A completed video job snapshot typed by the contract's generated types, plus a field from the future. */
export function completedJob(): JobCompletedEvent & { added_later: string } {
  return {
    id: 'job_abc123',
    object: 'job',
    type: 'video',
    model: 'runwayml/gen-4',
    status: 'completed',
    progress: 100,
    created_at: NOW_SECONDS - 120,
    started_at: NOW_SECONDS - 110,
    completed_at: NOW_SECONDS - 5,
    result_url:
      'https://api.aigateway.sh/v1/files/jobs/job_abc123/video.mp4?expires=1745003600&signature=ab12',
    result: { content_type: 'video/mp4', bytes: 1_048_576, duration: 5 },
    error: null,
    webhook_url: 'https://yourapp.com/hooks/aigateway',
    tag: 'promo-videos',
    metadata: { customer: 'c_42', order_id: 'ord_1842' },
    request_id: 'req_0123456789abcdef01234567',
    cost_cents: 42.5,
    added_later: 'unknown extra fields are kept',
  };
}

export function failedJob(): JobFailedEvent {
  return {
    ...completedJob(),
    id: 'job_def456',
    type: 'music',
    model: 'suno/v5',
    status: 'failed',
    progress: 40,
    result_url: null,
    result: null,
    error: { code: 'provider_error', message: 'The provider failed; retry the job.' },
    tag: null,
    metadata: {},
    cost_cents: 0,
  };
}
