// Input checks run before a request leaves: required fields, formats and ranges that are cheap to
// check and save a round trip (openapi/README.md). Shallow on purpose: the gateway validates the
// rest, and large arrays (messages, documents) are not walked element by element.
import {
  array,
  type Check,
  either,
  nullable,
  number,
  object,
  oneOf,
  optional,
  present,
  record,
  string,
} from './checks.js';

const text = string({ nonEmpty: true });
const model = text;
const nonEmptyList = array({ min: 1 });
const textOrList = either(text, nonEmptyList);
const tag = string({
  pattern: /^[A-Za-z0-9._:-]{1,64}$/,
  message: "must be 1–64 characters of letters, digits, '.', '_', ':' or '-'",
});
const metadata = optional(record(string()));
const capCents = nullable(number({ integer: true, min: 0 }));
const positiveInt = number({ integer: true, min: 1 });
const positive = optional(number({ above: 0 }));
const month = string({ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be YYYY-MM, e.g. 2026-04' });
const job = { model, webhook_url: optional(text), metadata };

export const chatSchema: Check = object({ model, messages: nonEmptyList });
export const embeddingSchema: Check = object({ model, input: either(string(), array()) });
export const imageSchema: Check = object({ model, prompt: text });
export const speechSchema: Check = object({ model, input: text, voice: text });
export const transcriptionSchema: Check = object({ model, file: present('a file') });
export const moderationSchema: Check = object({ model: optional(model), input: textOrList });
export const translationSchema: Check = object({ model, input: textOrList, target_language: text });
export const classificationSchema: Check = object({ model, input: textOrList });
export const ocrSchema: Check = object({ model, image: text });
export const detectionSchema: Check = object({
  model,
  image: text,
  threshold: optional(number({ min: 0, max: 1 })),
});
export const rerankSchema: Check = object({
  model,
  query: text,
  documents: nonEmptyList,
  top_n: optional(positiveInt),
});
export const videoSchema: Check = object({ ...job, prompt: text, duration: positive });
export const musicSchema: Check = object({ ...job, prompt: text, duration: positive });
export const threeDSchema: Check = object({ ...job, prompt: optional(text), image: optional(text) }, [
  (p) => p.prompt !== undefined || p.image !== undefined,
  'give `prompt`, `image` or both',
]);
const subAccountFields = {
  spend_cap_cents: optional(capCents),
  rate_limit_rpm: optional(nullable(positiveInt)),
  default_tag: optional(nullable(tag)),
  metadata,
};
export const subAccountCreateSchema: Check = object({ name: text, ...subAccountFields });
export const subAccountUpdateSchema: Check = object({ name: optional(text), ...subAccountFields });
export const listSchema: Check = optional(
  object({
    limit: optional(number({ integer: true, min: 1, max: 100 })),
    starting_after: optional(text),
  }),
);
export const evalCreateSchema: Check = object({
  name: text,
  candidate_models: array({ min: 2, max: 10, items: text }),
  dataset: array({ min: 1, max: 1000, items: object({ input: either(text, array()) }) }),
  metric: oneOf(['quality', 'exact_match', 'contains', 'latency', 'cost']),
});
export const replaySchema: Check = object({ source_request_id: text, target_model: text });
export const usageSchema: Check = optional(object({ month: optional(month) }));
export const signedUrlSchema: Check = object({
  path: text,
  expires_in: optional(number({ integer: true, min: 1, max: 604_800 })),
});
export const idSchema: Check = text;
