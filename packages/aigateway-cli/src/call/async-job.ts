import { schemas } from 'aigateway-contract';
import type { JobHandle } from 'aigateway-js/client';
import { parseHttpURL, parseInteger } from '../core/parse.js';
import { binaryDestination, extensionFor, extensionOf } from '../core/results.js';
import { missingInput } from '../errors.js';
import { describeJob, resumeCommand, saveJobResult, waitForJob } from '../jobs/job-output.js';
import { imageInput } from './inputs.js';
import type { CallContext } from './types.js';

/** The contract's 3D formats, chosen by --out's extension. */
const THREE_D_FORMATS = schemas.ThreeDGenerationRequest.properties.format.enum;

/**
 * Video, music and 3D: submit the job, print its id at once, then (unless --no-wait) wait with progress and
 * fetch the result. Ctrl-C or --timeout stop the wait, not the job: the error says how to resume.
 */
export async function callAsyncJob(call: CallContext, kind: 'video' | 'music' | '3d'): Promise<void> {
  const { rt, client, model, flags } = call;
  const prompt = call.input?.trim() || undefined;
  const image = flags.image ? await imageInput(flags.image, rt.io.cwd) : undefined;
  if (!prompt && !(kind === '3d' && image)) {
    throw missingInput(
      'prompt',
      kind === '3d' ? 'a prompt argument or --image PATH|URL' : `a prompt (aig call ${model} "...")`,
    );
  }
  // Checked before submitting: a bad --out must not cost a generation.
  const destination = flags.wait
    ? await binaryDestination(rt, flags, kind === '3d' ? '3D model' : kind)
    : undefined;
  const common = {
    ...(flags.webhookUrl ? { webhook_url: parseHttpURL(flags.webhookUrl, '--webhook-url') } : {}),
  };
  const duration = flags.duration === undefined ? undefined : parseInteger(flags.duration, '--duration', 1);
  const options = { signal: rt.signal };
  let submitted: { data: JobHandle; requestId: string | undefined };
  if (kind === 'video') {
    submitted = await client.videos
      .generate(
        {
          model,
          prompt: prompt ?? '',
          ...common,
          ...(duration ? { duration } : {}),
          ...(image ? { image } : {}),
        },
        options,
      )
      .withResponse();
  } else if (kind === 'music') {
    submitted = await client.audio.music
      .generate({ model, prompt: prompt ?? '', ...common, ...(duration ? { duration } : {}) }, options)
      .withResponse();
  } else {
    // The contract needs a prompt, an image, or both; the format follows --out's extension (glb or obj).
    const ext = flags.out ? extensionOf(flags.out) : '';
    const format = THREE_D_FORMATS.find((f) => f === ext);
    const input = prompt ? { prompt, ...(image ? { image } : {}) } : { image: image ?? '' };
    submitted = await client.threeD
      .generate({ model, ...input, ...(format ? { format } : {}), ...common }, options)
      .withResponse();
  }
  const job = submitted.data;
  rt.out.debug(`request id ${submitted.requestId}`);
  const resume = resumeCommand(rt, `jobs wait ${job.id}`, flags);
  if (!flags.wait) {
    if (rt.out.json) return rt.out.result(job.toJSON());
    rt.out.line(job.id);
    rt.out.info(`Submitted ${job.id} (${job.status}). Wait for it with: ${resume}`);
    return;
  }
  // The id is the only handle on a paid job: show it before waiting, so an interrupted run never loses it.
  rt.out.info(`Submitted ${job.id} (${job.status}); waiting for it. Ctrl-C stops waiting, not the job.`);
  const done = await waitForJob(rt, client, job.id, resume);
  const saved = destination ? await saveJobResult(rt, client, done, destination, flags) : undefined;
  if (rt.out.json) return rt.out.result({ ...done, ...saved });
  if (saved) {
    if (destination?.kind !== 'stdout') rt.out.line(saved.out);
    return;
  }
  for (const line of describeJob(done, rt.out.c).slice(1)) rt.out.info(line);
  rt.out.line(done.result_url ?? done.id);
  const ext = extensionFor(done.result?.content_type) ?? 'bin';
  rt.out.info(
    `Save it with: ${resumeCommand(rt, `jobs wait ${job.id}`, { out: `${kind === '3d' ? 'model' : kind}.${ext}` })}`,
  );
}
