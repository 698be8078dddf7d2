// Type-only tests (vitest's expectTypeOf / @ts-expect-error): `pnpm typecheck` (tsc over test/)
// enforces them; vitest does not run *.test-d.ts files, since at runtime they assert nothing.
import { describe, expectTypeOf, it } from 'vitest';
import type AIgatewayDefault from '../../src/index.js';
import {
  AIgateway,
  type APIError,
  type APIPromise,
  type CreateEmbeddingResponse,
  type ErrorCode,
  type ErrorType,
  type ReplayedSpeech,
  type ReplayedText,
  type Transcription as TranscriptionResult,
  type ChatCompletion,
  type ChatCompletionChunk,
  ChatCompletionStream,
  type ChatCompletionStreamUsage,
  type FinalChatCompletion,
  type CompletedEvalRun,
  type CompletedJob,
  type CursorPage,
  EvalFailedError,
  type EvalRun,
  type FailedEvalRun,
  type FailedJob,
  type Job,
  JobFailedError,
  type JobFailedEvent,
  JobTimeoutError,
  type JobHandle,
  type KnownChatModel,
  type RateLimitError,
  type Stream,
  type PagePromise,
  type SubAccount,
  type SubAccountList,
  type SubAccountWithKey,
  type Transcription,
  type TranscriptionVerbose,
  toFile,
  type UsageByTag,
  type WaitedSnapshot,
  type WithRequestID,
  type WithResponse,
} from '../../src/index.js';

// Compile-time checks of the public API (run by `pnpm typecheck`); the calls sit inside functions
// that are never invoked, so nothing here touches the network.
declare const client: AIgateway;
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('public API types', () => {
  it('exports the client as default and named, with error classes as statics', () => {
    expectTypeOf<typeof AIgatewayDefault>().toEqualTypeOf<typeof AIgateway>();
    expectTypeOf(AIgateway.RateLimitError).toEqualTypeOf<typeof RateLimitError>();
    expectTypeOf<RateLimitError['retryAfter']>().toEqualTypeOf<number | undefined>();
  });

  it('chat.completions.create returns a completion, or a stream with stream: true', () => {
    const typecheck = () => {
      expectTypeOf(client.chat.completions.create({ model: 'openai/gpt-5.4', messages })).toEqualTypeOf<
        APIPromise<ChatCompletion>
      >();
      const streaming = client.chat.completions.create({ model: 'openai/gpt-5.4', messages, stream: true });
      expectTypeOf(streaming).toEqualTypeOf<APIPromise<ChatCompletionStream>>();
      expectTypeOf<ChatCompletionStream>().toExtend<Stream<ChatCompletionChunk>>();
      expectTypeOf<ChatCompletionStream['usage']>().toEqualTypeOf<Promise<ChatCompletionStreamUsage>>();
      expectTypeOf(client.models.list().withResponse()).resolves.toExtend<WithResponse<{ object: 'list' }>>();
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('model parameters autocomplete known slugs and accept any string', () => {
    expectTypeOf<'anthropic/claude-sonnet-4.6'>().toExtend<KnownChatModel>();
    const typecheck = () => {
      client.chat.completions.create({ model: 'some-lab/brand-new-model', messages });
      client.chat.completions.create({ model: 'eval:eval_123', messages });
      const parameters = { type: 'object', properties: { city: { type: 'string' } } };
      client.chat.completions.create({
        model: 'x/y',
        messages,
        tools: [{ type: 'function', function: { name: 'f', parameters } }],
      });
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('misuse does not compile', () => {
    const model = 'openai/gpt-5.4';
    const dataset = [{ input: 'q' }];
    const typecheck = () => {
      const chat = client.chat.completions;
      // @ts-expect-error `model` is required
      chat.create({ messages });
      // @ts-expect-error `messages` is required
      chat.create({ model });
      // @ts-expect-error a role that does not exist
      chat.create({ model, messages: [{ role: 'robot', content: 'x' }] });
      // @ts-expect-error metric must be one of the contract's metrics
      client.evals.create({ name: 'x', candidate_models: [model, model], dataset, metric: 'vibes' });
      // @ts-expect-error 3D needs a prompt or an image
      client.threeD.generate({ model: 'stabilityai/stable-fast-3d' });
      // @ts-expect-error per-request options are typed
      client.models.list({ maxRetries: 'three' });
      // @ts-expect-error unknown client option
      new AIgateway({ apiKey: 'k', retries: 3 });
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('jobs resolve to handles that are Jobs with wait/refresh; wait gives a completed job', () => {
    expectTypeOf<JobHandle>().toExtend<Job>();
    expectTypeOf<JobHandle['wait']>().returns.toEqualTypeOf<APIPromise<CompletedJob>>();
    expectTypeOf<JobHandle['refresh']>().returns.toEqualTypeOf<APIPromise<JobHandle>>();
    // No `!` needed on what a wait resolves with.
    expectTypeOf<CompletedJob['result_url']>().toEqualTypeOf<string>();
    expectTypeOf<CompletedJob['status']>().toEqualTypeOf<'completed'>();
    expectTypeOf<NonNullable<Job['result']>>().toEqualTypeOf<CompletedJob['result']>();
    expectTypeOf<CompletedEvalRun['winner']>().toEqualTypeOf<string>();
    expectTypeOf<CompletedJob>().toExtend<Job>();
    expectTypeOf<CompletedEvalRun>().toExtend<EvalRun>();
    const typecheck = () => {
      expectTypeOf(client.videos.generate({ model: 'runwayml/gen-4', prompt: 'p' })).toEqualTypeOf<
        APIPromise<JobHandle>
      >();
      expectTypeOf(client.audio.music.generate({ model: 'suno/v5', prompt: 'p' })).toEqualTypeOf<
        APIPromise<JobHandle>
      >();
      expectTypeOf(
        client.threeD.generate({ model: 'stabilityai/stable-fast-3d', image: 'https://x/y.png' }),
      ).toEqualTypeOf<APIPromise<JobHandle>>();
      expectTypeOf(client.jobs.wait('job_1')).toEqualTypeOf<APIPromise<CompletedJob>>();
      expectTypeOf(client.evals.wait('eval_1')).toEqualTypeOf<APIPromise<CompletedEvalRun>>();
      // wait() takes the polls' request options besides its own.
      client.jobs.wait('job_1', { apiKey: 'sk-aig-sub-x', tag: 't', headers: [['x-a', 'b']], timeout: 1 });
      expectTypeOf(client.evals.wait('eval_1').withResponse()).resolves.toHaveProperty('requestId');
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('a caught JobFailedError holds the failed job, usable as a Job without a cast', () => {
    const typecheck = (error: unknown): Job | undefined => {
      if (error instanceof JobFailedError) {
        expectTypeOf(error.job).toEqualTypeOf<FailedJob>();
        expectTypeOf(error.job.status).toEqualTypeOf<'failed'>();
        expectTypeOf(error.job.error).toEqualTypeOf<NonNullable<Job['error']>>();
        expectTypeOf(error.job.result_url).toEqualTypeOf<string | null>();
        return error.job;
      }
      if (error instanceof EvalFailedError) {
        expectTypeOf(error.run).toEqualTypeOf<FailedEvalRun>();
        expectTypeOf(error.run).toExtend<EvalRun>();
        expectTypeOf(error.run.status).toEqualTypeOf<'failed'>();
        expectTypeOf(error.run.error).toEqualTypeOf<NonNullable<EvalRun['error']>>();
        expectTypeOf(error.run.error.message).toEqualTypeOf<string>();
      }
      return undefined;
    };
    expectTypeOf(typecheck).toBeFunction();
    // The same snapshot as the contract's job.failed webhook body.
    expectTypeOf<FailedJob>().toExtend<JobFailedEvent>();
    expectTypeOf<JobFailedEvent>().toExtend<FailedJob>();
  });

  it('a caught JobTimeoutError holds the last Job or EvalRun, not any', () => {
    const typecheck = (error: unknown): number | undefined => {
      if (error instanceof JobTimeoutError) {
        expectTypeOf(error.job).not.toBeAny();
        expectTypeOf(error.job).toEqualTypeOf<Job | EvalRun | undefined>();
        expectTypeOf(error.job).toEqualTypeOf<WaitedSnapshot | undefined>();
        expectTypeOf(error.id).toEqualTypeOf<string>();
        // @ts-expect-error: the snapshot is typed, so a field neither Job nor EvalRun has is an error
        error.job?.not_a_field;
        if (error.job?.object === 'job') return error.job.progress;
      }
      return undefined;
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('primitives and binary endpoints are typed', () => {
    const typecheck = () => {
      expectTypeOf(client.subAccounts.create({ name: 'c' })).resolves.toEqualTypeOf<
        WithRequestID<SubAccountWithKey>
      >();
      expectTypeOf(client.subAccounts.create({ name: 'c' }))
        .resolves.toHaveProperty('key')
        .toEqualTypeOf<string>();
      expectTypeOf(client.usage.byTag({ month: '2026-04' })).resolves.toEqualTypeOf<
        WithRequestID<UsageByTag>
      >();
      expectTypeOf(
        client.audio.speech.create({ model: 'deepgram/aura-2-en', input: 'hi', voice: 'a' }),
      ).toEqualTypeOf<APIPromise<Response>>();
      expectTypeOf(client.files.download('jobs/job_1/video.mp4')).toEqualTypeOf<APIPromise<Response>>();
      const file = 'call.wav';
      expectTypeOf(client.audio.transcriptions.create({ model: 'm', file })).resolves.toEqualTypeOf<
        WithRequestID<Transcription>
      >();
      expectTypeOf(
        client.audio.transcriptions.create({ model: 'm', file, response_format: 'text' }),
      ).toEqualTypeOf<APIPromise<string>>();
      expectTypeOf(
        client.audio.transcriptions.create({ model: 'm', file, response_format: 'verbose_json' }),
      ).toEqualTypeOf<APIPromise<TranscriptionVerbose>>();
      expectTypeOf(toFile(new Uint8Array(1), 'a.wav')).toEqualTypeOf<Promise<File>>();
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('lists are pages that iterate every item of every page', () => {
    const typecheck = async () => {
      const listing = client.subAccounts.list({ limit: 10 });
      expectTypeOf(listing).toEqualTypeOf<PagePromise<SubAccount>>();
      expectTypeOf(listing).toExtend<AsyncIterable<SubAccount>>();
      const page = await listing;
      expectTypeOf(page.data).toEqualTypeOf<SubAccount[]>();
      expectTypeOf(page.has_more).toEqualTypeOf<boolean>();
      expectTypeOf(page.getNextPage()).toEqualTypeOf<APIPromise<CursorPage<SubAccount>>>();
      expectTypeOf(page).toExtend<SubAccountList>();
      expectTypeOf(client.evals.list()).toEqualTypeOf<PagePromise<EvalRun>>();
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('withOptions returns a client', () => {
    expectTypeOf<AIgateway['withOptions']>().returns.toEqualTypeOf<AIgateway>();
    expectTypeOf<ChatCompletionStream['finalChatCompletion']>().returns.toEqualTypeOf<
      Promise<FinalChatCompletion>
    >();
  });

  it('streams: the final completion’s usage says whether it was estimated; tee and fromReadableStream keep the type', () => {
    expectTypeOf<FinalChatCompletion>().toExtend<ChatCompletion>();
    expectTypeOf<FinalChatCompletion['usage']['estimated']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ChatCompletionStream['tee']>().returns.toEqualTypeOf<
      [ChatCompletionStream, ChatCompletionStream]
    >();
    expectTypeOf(ChatCompletionStream.fromReadableStream).returns.toEqualTypeOf<ChatCompletionStream>();
    const typecheck = (stream: ChatCompletionStream) => {
      stream.on('content', (delta, snapshot) => {
        expectTypeOf(delta).toEqualTypeOf<string>();
        expectTypeOf(snapshot).toEqualTypeOf<string>();
      });
      stream.on('tool_calls.function.arguments.done', (call) => {
        expectTypeOf(call.arguments).toEqualTypeOf<string>();
      });
      // @ts-expect-error unknown event
      stream.on('contents', () => {});
      for (const chunk of [] as ChatCompletionChunk[])
        expectTypeOf(chunk.choices[0]?.delta.content).toEqualTypeOf<string | null | undefined>();
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it('embeddings are number[] by default and for float, string for base64', () => {
    const typecheck = async () => {
      const model = 'openai/text-embedding-3-small';
      const plain = await client.embeddings.create({ model, input: 'hi' });
      expectTypeOf(plain.data[0]!.embedding).toEqualTypeOf<number[]>();
      const float = await client.embeddings.create({ model, input: 'hi', encoding_format: 'float' });
      expectTypeOf(float.data[0]!.embedding).toEqualTypeOf<number[]>();
      const base64 = await client.embeddings.create({ model, input: 'hi', encoding_format: 'base64' });
      expectTypeOf(base64.data[0]!.embedding).toEqualTypeOf<string>();
      const format = Math.random() > 0.5 ? ('float' as const) : ('base64' as const);
      const either = await client.embeddings.create({ model, input: 'hi', encoding_format: format });
      expectTypeOf(either).toEqualTypeOf<WithRequestID<CreateEmbeddingResponse>>();
      expectTypeOf(either.data[0]!.embedding).toEqualTypeOf<number[] | string>();
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it("a replay's response is typed by its endpoint", () => {
    const typecheck = async () => {
      const replay = await client.replays.create({
        source_request_id: 'req_1',
        target_model: 'openai/gpt-5.4',
      });
      if (replay.endpoint === '/v1/chat/completions')
        expectTypeOf(replay.response).toEqualTypeOf<ChatCompletion>();
      if (replay.endpoint === '/v1/embeddings')
        expectTypeOf(replay.response).toExtend<CreateEmbeddingResponse>();
      if (replay.endpoint === '/v1/audio/speech')
        expectTypeOf(replay.response).toEqualTypeOf<ReplayedSpeech>();
      if (replay.endpoint === '/v1/audio/transcriptions')
        expectTypeOf(replay.response).toEqualTypeOf<
          TranscriptionResult | TranscriptionVerbose | ReplayedText
        >();
      // @ts-expect-error an endpoint a replay never has
      if (replay.endpoint === '/v1/videos/generations') return;
    };
    expectTypeOf(typecheck).toBeFunction();
  });

  it("APIError's code and type are the contract's unions, open to newer values", () => {
    expectTypeOf<APIError['code']>().toEqualTypeOf<ErrorCode | (string & {}) | undefined>();
    expectTypeOf<APIError['type']>().toEqualTypeOf<ErrorType | (string & {}) | undefined>();
    expectTypeOf<'model_not_found'>().toExtend<ErrorCode>();
    expectTypeOf<'invalid_request_error'>().toExtend<ErrorType>();
  });
});
