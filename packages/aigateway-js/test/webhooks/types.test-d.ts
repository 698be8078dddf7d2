// Type-only tests (vitest's expectTypeOf / @ts-expect-error): `pnpm typecheck` (tsc over test/)
// enforces them; vitest does not run *.test-d.ts files, since at runtime they assert nothing.
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import type * as edge from '../../src/webhooks/index.edge.js';
import {
  type Job,
  signWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  verifyWebhookAsync,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookRawBody,
} from '../../src/webhooks/index.js';
import type { components } from '../../src/generated/openapi.js';
import type {
  Infer,
  jobCompletedEventSchema,
  jobFailedEventSchema,
  jobSchema,
} from '../../src/webhooks/payload.js';
import { completedJob, SECRET } from './fixtures.js';

type Schemas = components['schemas'];

describe('webhook types', () => {
  it('returns a WebhookEvent, narrowed by type to the job status', () => {
    expectTypeOf(verifyWebhook).returns.toEqualTypeOf<WebhookEvent>();
    expectTypeOf(verifyWebhookAsync).returns.toEqualTypeOf<Promise<WebhookEvent>>();
    const { body, headers } = signWebhook(completedJob(), SECRET);
    const event = verifyWebhook(body, headers, SECRET);
    expectTypeOf(event.data).toExtend<Job>();
    if (event.type === 'job.completed') expectTypeOf(event.data.status).toEqualTypeOf<'completed'>();
    else expectTypeOf(event.data.status).toEqualTypeOf<'failed'>();
    expectTypeOf(event.attempt).toBeNumber();
  });

  it("validates exactly the contract's generated types (openapi.ts), so the two cannot drift", () => {
    expectTypeOf<Infer<typeof jobSchema>>().branded.toEqualTypeOf<Schemas['Job']>();
    expectTypeOf<Infer<typeof jobCompletedEventSchema>>().branded.toEqualTypeOf<
      Schemas['JobCompletedEvent']
    >();
    expectTypeOf<Infer<typeof jobFailedEventSchema>>().branded.toEqualTypeOf<Schemas['JobFailedEvent']>();
    expectTypeOf<WebhookEvent['data']>().toEqualTypeOf<Schemas['WebhookEvent']>();
    expectTypeOf<WebhookEvent['type']>().toEqualTypeOf<Schemas['WebhookEventType']>();
  });

  it('accepts the header and body types of Node, Fetch and Buffer', () => {
    expectTypeOf<IncomingHttpHeaders>().toExtend<WebhookHeaders>();
    expectTypeOf<Headers>().toExtend<WebhookHeaders>();
    expectTypeOf<Record<string, string[]>>().toExtend<WebhookHeaders>();
    expectTypeOf<Buffer>().toExtend<WebhookRawBody>();
    expectTypeOf<ArrayBuffer>().toExtend<WebhookRawBody>();
    expectTypeOf<{ id: string }>().not.toExtend<WebhookRawBody>();
    // @ts-expect-error a parsed body is refused at compile time too
    expectTypeOf(verifyWebhook).toBeCallableWith(completedJob(), {}, SECRET);
  });

  it('takes now as a Date or milliseconds and a secret list for rotation', () => {
    expectTypeOf<VerifyWebhookOptions['now']>().toEqualTypeOf<(() => Date | number) | undefined>();
    expectTypeOf(verifyWebhook).toBeCallableWith('{}', {}, ['whsec_new', 'whsec_old'], { tolerance: 0 });
  });

  it('gives the edge build the same signatures as the node build', () => {
    expectTypeOf<typeof edge.verifyWebhook>().toEqualTypeOf<typeof verifyWebhook>();
    expectTypeOf<typeof edge.verifyWebhookAsync>().toEqualTypeOf<typeof verifyWebhookAsync>();
    expectTypeOf<typeof edge.signWebhook>().toEqualTypeOf<typeof signWebhook>();
    expectTypeOf<keyof typeof edge>().toEqualTypeOf<keyof typeof import('../../src/webhooks/index.js')>();
  });
});
