import type { components } from '../generated/openapi.js';
import { integer, nullable, number, object, oneOf, optional, recordOf, string } from './schema.js';

/** An async job (video, music or 3D generation), as `GET /v1/jobs/{id}` and webhooks return it. */
export type Job = components['schemas']['Job'];
/** The body of a `job.completed` webhook: the final snapshot, with `result_url` and `result` set. */
export type JobCompletedEvent = components['schemas']['JobCompletedEvent'];
/** The body of a `job.failed` webhook: the final snapshot, with `error` set. */
export type JobFailedEvent = components['schemas']['JobFailedEvent'];

// The contract's schemas, checked for presence, types, enums and numeric ranges; string formats
// (id patterns, URLs) and lengths are left to the gateway. Extra properties are allowed and kept.
const jobResult = object({ content_type: string(), bytes: integer(0), duration: optional(number(0)) });
const jobError = object({ code: string(), message: string() });

const jobShape = {
  id: string(),
  object: oneOf(['job']),
  type: oneOf(['video', 'music', '3d']),
  model: string(),
  status: oneOf(['queued', 'running', 'completed', 'failed']),
  progress: integer(0, 100),
  created_at: integer(),
  started_at: nullable(integer()),
  completed_at: nullable(integer()),
  result_url: nullable(string()),
  result: nullable(jobResult),
  error: nullable(jobError),
  webhook_url: nullable(string()),
  tag: nullable(string()),
  metadata: recordOf(string()),
  request_id: string(),
  cost_cents: number(0),
};

export const jobSchema = object(jobShape);

export const jobCompletedEventSchema = object({
  ...jobShape,
  status: oneOf(['completed']),
  result_url: string(),
  result: jobResult,
});

export const jobFailedEventSchema = object({ ...jobShape, status: oneOf(['failed']), error: jobError });
