import type { JobHandle } from 'aigateway-js';
import { parseHttpURL, parseInteger } from '../core/parse.js';
import { missingInput } from '../errors.js';
import { describeJob, saveJobResult, waitForJob } from '../jobs/job-output.js';
import { imageInput } from './inputs.js';
import type { CallContext } from './types.js';

/** Video, music and 3D: submit the job, then (unless --no-wait) wait with progress and fetch the result. */
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
    // The contract needs a prompt, an image, or both.
    const input = prompt ? { prompt, ...(image ? { image } : {}) } : { image: image ?? '' };
    submitted = await client.threeD.generate({ model, ...input, ...common }, options).withResponse();
  }
  const job = submitted.data;
  rt.out.debug(`request id ${submitted.requestId}`);
  if (!flags.wait) {
    if (rt.out.json) return rt.out.result(job.toJSON());
    rt.out.line(job.id);
    rt.out.info(
      `Submitted ${job.id} (${job.status}). Wait with: aig jobs wait ${job.id}${flags.out ? ` --out ${flags.out}` : ''}`,
    );
    return;
  }
  const timeoutSeconds =
    flags.timeout === undefined ? undefined : parseInteger(flags.timeout, '--timeout', 1);
  const done = await waitForJob(rt, client, job.id, { timeoutSeconds });
  if (flags.out) await saveJobResult(rt, client, done, flags.out);
  if (rt.out.json) return rt.out.result(done);
  if (rt.out.verbose || !flags.out)
    for (const line of describeJob(done, rt.out.c).slice(1)) rt.out.info(line);
  rt.out.line(flags.out ?? done.result_url ?? done.id);
}
