import { price } from '../../accounts/metering.js';
import type { ModelSpec } from '../../catalog/models.js';
import type { FileRecipe } from '../../files/recipes.js';
import type { JobType } from '../../jobs/jobs.js';
import type { Endpoint, InferenceContext } from '../endpoint.js';
import { loadImage } from '../generate/image-input.js';

/**
 * Queues a job: nominal phases of `queuedS` and `runningS` seconds. Its price (`units`, the same
 * the endpoint's `quote` gave) stays reserved until it completes (charged) or fails (released).
 */
function queue(
  type: JobType,
  input: Record<string, unknown>,
  spec: ModelSpec,
  ctx: InferenceContext,
  recipe: FileRecipe,
  runningS: number,
  units: number,
) {
  const { jobs, ids, call, hold } = ctx;
  const scripted = call.scripted?.job;
  const fail = scripted?.outcome !== undefined ? scripted.outcome === 'failed' : call.fault?.jobFail === true;
  // A failing job ends halfway through its running phase: a scripted duration is when it ends.
  const running = scripted?.duration_s === undefined ? runningS : scripted.duration_s * (fail ? 2 : 1);
  const job = jobs.create(
    {
      id: ids.prefixed('job_'),
      type,
      model: spec.id,
      owner: call.principal.subAccountId,
      fail,
      ...(scripted?.error ? { error: scripted.error } : {}),
      webhook_url: typeof input.webhook_url === 'string' ? input.webhook_url : null,
      tag: call.tag,
      metadata: (input.metadata as Record<string, unknown> | undefined) ?? {},
      request_id: call.requestId,
      price_cents: price(spec, { units }, ctx.byok),
      byok: ctx.byok,
      origin: call.origin,
      recipe,
    },
    scripted?.duration_s === undefined ? 1 : 0,
    running,
  );
  hold.attach(job.id);
  // The 202 is the job as created (queued), however fast the time scale moves it on.
  return { status: 202, body: jobs.snapshot(job, 3600, job.created_ms) };
}

const videoSeconds = (input: Record<string, unknown>) =>
  typeof input.duration === 'number' ? input.duration : 5;
const musicSeconds = (input: Record<string, unknown>) =>
  typeof input.duration === 'number' ? input.duration : 30;

/** An image input, an own file URL read with the caller's rights (`Files.readInput`). */
const inputImage = (image: string, ctx: InferenceContext) =>
  loadImage(image, (url, param) => ctx.files.readInput(url, ctx.call.principal, param), 'image');

export const videos: Endpoint = {
  operationId: 'createVideoGeneration',
  modality: 'video',
  quote: (input) => ({ units: videoSeconds(input) }),
  run(input, spec, ctx) {
    // The image is checked like any input URL, though the stand-in video does not use it.
    if (typeof input.image === 'string') inputImage(input.image, ctx);
    const seconds = videoSeconds(input);
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
  operationId: 'createMusicGeneration',
  modality: 'music',
  quote: (input) => ({ units: musicSeconds(input) }),
  run(input, spec, ctx) {
    const seconds = musicSeconds(input);
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
  operationId: 'createThreeDGeneration',
  modality: '3d',
  quote: () => ({ units: 1 }),
  run(input, spec, ctx) {
    const image = typeof input.image === 'string' ? inputImage(input.image, ctx) : undefined;
    const prompt =
      typeof input.prompt === 'string'
        ? input.prompt
        : (image?.prompt ?? `asset from image ${image?.key.slice(0, 16) ?? ''}`);
    const format = input.format === 'obj' ? 'obj' : 'glb';
    return queue('3d', input, spec, ctx, { kind: '3d', prompt, format }, 8, 1);
  },
};
