import type { Endpoint, InferenceContext } from '../domains/inference.js';
import type { JobType } from '../domains/jobs.js';
import type { ModelSpec } from '../domains/catalog-data.js';
import { price } from '../domains/metering.js';
import { loadImage } from '../inference/image-input.js';
import type { FileRecipe } from '../inference/media.js';
import { fileLookup } from './shared.js';

/** Queues a job: nominal phases of `queuedS` and `runningS` seconds, billed `units` on completion. */
function queue(
  type: JobType,
  input: Record<string, unknown>,
  spec: ModelSpec,
  ctx: InferenceContext,
  recipe: FileRecipe,
  runningS: number,
  units: number,
) {
  const { core, state } = ctx;
  const job = core.jobs.create(
    {
      id: core.ids.prefixed('job_'),
      type,
      model: spec.id,
      owner: state.principal.subAccountId,
      fail: state.fault?.jobFail === true,
      webhook_url: typeof input.webhook_url === 'string' ? input.webhook_url : null,
      tag: state.tag,
      metadata: (input.metadata as Record<string, unknown> | undefined) ?? {},
      request_id: state.requestId,
      price_cents: price(spec, { units }, ctx.byok),
      byok: ctx.byok,
      origin: state.origin,
      recipe,
    },
    1,
    runningS,
  );
  // The 202 is the job as created (queued), however fast the time scale moves it on.
  return { status: 202, body: core.jobs.snapshot(job, 3600, job.created_ms) };
}

export const videos: Endpoint = {
  path: '/v1/videos/generations',
  modality: 'video',
  run(input, spec, ctx) {
    const seconds = typeof input.duration === 'number' ? input.duration : 5;
    return queue(
      'video',
      input,
      spec,
      ctx,
      { kind: 'video', prompt: String(input.prompt), seconds },
      seconds * 2,
      seconds,
    );
  },
};

export const music: Endpoint = {
  path: '/v1/audio/music',
  modality: 'music',
  run(input, spec, ctx) {
    const seconds = typeof input.duration === 'number' ? input.duration : 30;
    const lyrics = input.instrumental === true || typeof input.lyrics !== 'string' ? undefined : input.lyrics;
    return queue(
      'music',
      input,
      spec,
      ctx,
      { kind: 'music', prompt: String(input.prompt), seconds, lyrics },
      Math.max(5, seconds / 2),
      seconds,
    );
  },
};

export const threeD: Endpoint = {
  path: '/v1/3d/generations',
  modality: '3d',
  run(input, spec, ctx) {
    const image = typeof input.image === 'string' ? loadImage(input.image, fileLookup(ctx.core)) : undefined;
    const prompt =
      typeof input.prompt === 'string'
        ? input.prompt
        : (image?.prompt ?? `asset from image ${image?.key.slice(0, 16) ?? ''}`);
    const format = input.format === 'obj' ? 'obj' : 'glb';
    return queue('3d', input, spec, ctx, { kind: '3d', prompt, format }, 8, 1);
  },
};
