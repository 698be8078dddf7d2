import { type Infer, integer, nullable, number, object, oneOf, optional, record, string } from './schema.js';

/** The job snapshot a webhook delivers (the same as `GET /v1/jobs/{id}`), per openapi/README.md. */
export const jobSchema = object({
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
  result: nullable(object({ content_type: string(), bytes: integer(0), duration: optional(number()) })),
  error: nullable(object({ code: string(), message: string() })),
  webhook_url: nullable(string()),
  tag: nullable(string()),
  metadata: record(),
  request_id: string(),
  cost_cents: number(),
});

/** An async job (video, music or 3D generation) as the gateway reports it. */
export type Job = Infer<typeof jobSchema>;
