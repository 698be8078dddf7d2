import { inspect } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIgateway,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  BudgetExceededError,
  ConfigurationError,
  ConflictError,
  InputValidationError,
  InternalServerError,
  JobFailedError,
  JobTimeoutError,
  ModelNotFoundError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from '../../src/index.js';
import { connectMcp } from '../../src/mcp/index.js';
import { memoryLogger } from '../helpers/emulator.js';

// Every error class the SDK can throw, provoked for real against the emulator, with secrets in
// every place a caller puts them: the client key, a per-request key, BYOK keys, a sub-account key.
// None may show in String(), JSON.stringify(), util.inspect (hidden fields, causes) or any log line.
const API_KEY = 'sk-aig-RELIABILITYtopLEVEL0123456789';
const REQUEST_KEY = 'sk-aig-PERrequestKEY9876543210';
const BYOK_OPENAI = 'sk-proj-BYOKopenaiSECRET0000111122223333';
const BYOK_ANTHROPIC = 'sk-ant-BYOKanthropicSECRET44445555';
const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'hello' }];

const renderings = (error: unknown): string[] => [
  String(error),
  JSON.stringify(error) ?? '',
  inspect(error, { depth: 10, showHidden: true }),
  (error as Error).stack ?? '',
];

describe('no secret in any SDK error or log line', () => {
  let gw: RunningEmulator;
  const log = memoryLogger();
  const secrets = [API_KEY, REQUEST_KEY, BYOK_OPENAI, BYOK_ANTHROPIC];
  let client: AIgateway;
  beforeAll(async () => {
    gw = await startEmulator({
      apiKey: API_KEY,
      timeScale: 1000,
      keepaliveMs: 0,
      fetch: async () => new Response(null, { status: 204 }),
    });
    client = new AIgateway({
      apiKey: API_KEY,
      baseURL: gw.url,
      byok: { openai: BYOK_OPENAI, anthropic: BYOK_ANTHROPIC },
      logLevel: 'debug',
      logger: log.logger,
      maxRetries: 1,
    });
  });
  afterAll(() => gw.close());

  const fault = (value: string) => ({ headers: { 'x-aig-fault': value } });
  const caught = async (run: () => Promise<unknown>): Promise<unknown> => {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  };

  it('covers every error class, from real failures', async () => {
    const sub = await client.subAccounts.create({ name: 'capped', spend_cap_cents: 0 });
    secrets.push(sub.key);
    const subClient = client.withOptions({ apiKey: sub.key });
    const byRequestKey = { apiKey: REQUEST_KEY };
    const stallClient = client.withOptions({ streamIdleTimeout: 100 });
    const failedJob = await client.videos.generate(
      { model: 'runwayml/gen-4', prompt: 'x' },
      fault('job=fail'),
    );

    const cases: [new (...args: never[]) => Error, () => Promise<unknown>][] = [
      [ConfigurationError, async () => new AIgateway({ apiKey: `${API_KEY}\n` })],
      [ConfigurationError, async () => client.withOptions({ byok: { openai: ` ${BYOK_OPENAI}` } })],
      [ConfigurationError, () => client.models.list({ apiKey: `${REQUEST_KEY} ` })],
      [InputValidationError, () => client.chat.completions.create({ model, messages: [] }, byRequestKey)],
      [BadRequestError, () => client.post('/chat/completions', { body: { model, messages: 'hi' } })],
      [AuthenticationError, () => client.models.list(byRequestKey)],
      [BudgetExceededError, () => subClient.chat.completions.create({ model, messages })],
      [PermissionDeniedError, () => subClient.subAccounts.list()],
      [ModelNotFoundError, () => client.chat.completions.create({ model: 'gpt-5.4', messages })],
      [NotFoundError, () => client.jobs.retrieve('job_missing')],
      [
        ConflictError,
        async () => {
          const body = { model: 'baai/bge-m3', input: 'same' };
          const first = client.embeddings.create(body, { ...fault('latency=1500'), idempotencyKey: 'dup-1' });
          try {
            await client.embeddings.create(body, { ...fault('latency=1500'), idempotencyKey: 'dup-1' });
          } finally {
            await first;
          }
        },
      ],
      [
        RateLimitError,
        () => client.chat.completions.create({ model, messages }, fault('status=429,retry-after=0')),
      ],
      [ProviderError, () => client.chat.completions.create({ model, messages }, fault('status=502'))],
      [InternalServerError, () => client.models.list(fault('status=500'))],
      [APIConnectionError, () => client.models.list(fault('drop=before'))],
      [APIConnectionError, () => client.withOptions({ baseURL: 'http://127.0.0.1:9/v1' }).models.list()],
      [APITimeoutError, () => client.models.list({ ...fault('latency=2000'), timeout: 50, maxRetries: 0 })],
      [APIUserAbortError, () => client.models.list({ signal: AbortSignal.abort() })],
      [
        StreamInterruptedError,
        async () => {
          const stream = await client.chat.completions.create(
            { model, messages, stream: true },
            { ...fault('stream-cut=2'), ...byRequestKey, apiKey: API_KEY },
          );
          for await (const _ of stream);
        },
      ],
      [
        StreamIdleTimeoutError,
        async () => {
          const stream = await stallClient.chat.completions.create(
            { model, messages, stream: true },
            fault('stream-stall=1'),
          );
          await stream.finalChatCompletion();
        },
      ],
      [JobFailedError, () => failedJob.wait({ pollInterval: 10 })],
      [
        JobTimeoutError,
        async () => {
          gw.control.addFault({ path: '/v1/jobs/', fault: 'latency=1000', count: 1 });
          await client.jobs.wait(failedJob.id, { timeout: 50 });
        },
      ],
      [
        AuthenticationError,
        () => connectMcp({ apiKey: REQUEST_KEY, baseURL: gw.url, transport: 'streamable-http' }),
      ],
      [AuthenticationError, () => connectMcp({ apiKey: REQUEST_KEY, baseURL: gw.url, transport: 'sse' })],
      [APIConnectionError, () => connectMcp({ apiKey: REQUEST_KEY, baseURL: 'http://127.0.0.1:9/v1' })],
    ];

    const seen = new Set<string>();
    for (const [expected, run] of cases) {
      const error = await caught(run).catch((e: Error) => new Error(`${expected.name}: ${e.message}`));
      expect(error, `${expected.name}: ${String(error)}`).toBeInstanceOf(expected);
      seen.add((error as Error).name);
      for (const text of renderings(error)) {
        for (const secret of secrets)
          expect(text, `${(error as Error).name} shows a secret`).not.toContain(secret);
      }
    }
    expect(seen).toEqual(new Set(cases.map(([expected]) => expected.name)));

    // The debug log saw every request above (with headers) and must hold no secret either.
    expect(log.lines.filter((line) => line.includes('headers=')).length).toBeGreaterThan(15);
    for (const line of log.lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('the client itself shows no key however it is printed', () => {
    for (const text of [
      inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      String(client),
    ]) {
      for (const secret of [API_KEY, BYOK_OPENAI, BYOK_ANTHROPIC]) expect(text).not.toContain(secret);
    }
  });
});
