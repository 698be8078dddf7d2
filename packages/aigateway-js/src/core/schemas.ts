// Input checks run before a request leaves: required fields, formats and ranges that are cheap to
// check and save a round trip (openapi/README.md). Shallow on purpose: the gateway validates the
// rest, and large arrays (messages, documents) are not walked element by element.
import * as z from 'zod/mini';

const text = z.string().check(z.minLength(1));
const model = text;
const textOrList = z.union([text, z.array(z.unknown()).check(z.minLength(1))]);
const tag = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be 1–64 characters of letters, digits, '.', '_', ':' or '-'"),
  );
const capCents = z.nullable(z.int().check(z.nonnegative()));
const positiveInt = z.int().check(z.positive());
const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM, e.g. 2026-04'));
const job = { model, webhook_url: z.optional(text), metadata: z.optional(z.record(z.string(), z.string())) };

export const chatSchema = z.looseObject({ model, messages: z.array(z.unknown()).check(z.minLength(1)) });
export const embeddingSchema = z.looseObject({ model, input: z.union([z.string(), z.array(z.unknown())]) });
export const imageSchema = z.looseObject({ model, prompt: text });
export const speechSchema = z.looseObject({ model, input: text, voice: text });
export const transcriptionSchema = z.looseObject({
  model,
  file: z.custom<unknown>((value) => value !== undefined && value !== null, 'is required'),
});
export const moderationSchema = z.looseObject({ model: z.optional(model), input: textOrList });
export const translationSchema = z.looseObject({ model, input: textOrList, target_language: text });
export const classificationSchema = z.looseObject({ model, input: textOrList });
export const ocrSchema = z.looseObject({ model, image: text });
export const detectionSchema = z.looseObject({
  model,
  image: text,
  threshold: z.optional(z.number().check(z.gte(0), z.lte(1))),
});
export const rerankSchema = z.looseObject({
  model,
  query: text,
  documents: z.array(z.unknown()).check(z.minLength(1)),
  top_n: z.optional(positiveInt),
});
export const videoSchema = z.looseObject({
  ...job,
  prompt: text,
  duration: z.optional(z.number().check(z.positive())),
});
export const musicSchema = z.looseObject({
  ...job,
  prompt: text,
  duration: z.optional(z.number().check(z.positive())),
});
export const threeDSchema = z
  .looseObject({ ...job, prompt: z.optional(text), image: z.optional(text) })
  .check(z.refine((p) => p.prompt !== undefined || p.image !== undefined, 'give `prompt`, `image` or both'));
const subAccountFields = {
  spend_cap_cents: z.optional(capCents),
  rate_limit_rpm: z.optional(z.nullable(positiveInt)),
  default_tag: z.optional(z.nullable(tag)),
  metadata: z.optional(z.record(z.string(), z.string())),
};
export const subAccountCreateSchema = z.looseObject({ name: text, ...subAccountFields });
export const subAccountUpdateSchema = z.looseObject({ name: z.optional(text), ...subAccountFields });
export const listSchema = z.optional(
  z.looseObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(100))), starting_after: z.optional(text) }),
);
export const evalCreateSchema = z.looseObject({
  name: text,
  candidate_models: z.array(text).check(z.minLength(2), z.maxLength(10)),
  dataset: z
    .array(z.looseObject({ input: z.union([text, z.array(z.unknown())]) }))
    .check(z.minLength(1), z.maxLength(1000)),
  metric: z.enum(['quality', 'exact_match', 'contains', 'latency', 'cost']),
});
export const replaySchema = z.looseObject({ source_request_id: text, target_model: text });
export const usageSchema = z.optional(z.looseObject({ month: z.optional(month) }));
export const signedUrlSchema = z.looseObject({
  path: text,
  expires_in: z.optional(z.int().check(z.gte(1), z.lte(604_800))),
});
export const idSchema = text;
