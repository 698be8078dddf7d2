import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  AIgatewayError,
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  BudgetExceededError,
  ConflictError,
  EvalFailedError,
  type FailedEvalRun,
  type FailedJob,
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
} from '../../src/core/errors.js';
import { failedJob } from '../webhooks/fixtures.js';

const REQ = 'req_0123456789abcdef01234567';
const headers = (extra: Record<string, string> = {}) => new Headers({ 'x-request-id': REQ, ...extra });
const envelope = (type: string, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { type, code, message, request_id: REQ, ...extra },
});

describe('APIError.generate', () => {
  it.each([
    [400, 'invalid_request_error', 'missing_field', BadRequestError],
    [413, 'invalid_request_error', 'payload_too_large', BadRequestError],
    [422, 'invalid_request_error', 'idempotency_key_reused', BadRequestError],
    [401, 'authentication_error', 'invalid_api_key', AuthenticationError],
    [402, 'budget_exceeded', 'budget_exceeded', BudgetExceededError],
    [403, 'permission_error', 'forbidden', PermissionDeniedError],
    [404, 'not_found_error', 'not_found', NotFoundError],
    [404, 'not_found_error', 'model_not_found', ModelNotFoundError],
    [409, 'conflict_error', 'idempotency_in_progress', ConflictError],
    [429, 'rate_limit_error', 'rate_limit_exceeded', RateLimitError],
    [500, 'api_error', 'internal_error', InternalServerError],
    [502, 'provider_error', 'provider_error', ProviderError],
    [418, 'weird_error', 'teapot', APIError],
  ])('maps %i %s/%s to its class', (status, type, code, Class) => {
    const error = APIError.generate(status, envelope(type, code, 'Do this next.'), '', headers());
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(APIError);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect(error).toMatchObject({
      status,
      type,
      code,
      message: expect.stringContaining('Do this next.'),
      requestId: REQ,
    });
  });

  it('keeps param and the raw envelope object', () => {
    const body = envelope('invalid_request_error', 'missing_field', 'messages is required.', {
      param: 'messages',
    });
    const error = APIError.generate(400, body, '', headers());
    expect(error.param).toBe('messages');
    expect(error.error).toEqual(body.error);
  });

  it('reads the 402 cap, spend and reset time', () => {
    const error = APIError.generate(
      402,
      envelope('budget_exceeded', 'budget_exceeded', 'Raise the cap.', {
        spend_cap_cents: 1000,
        spent_cents: 1000.5,
        resets_at: 1_777_593_600,
        sub_account_id: 'sa_1',
      }),
      '',
      headers(),
    ) as BudgetExceededError;
    expect(error.spendCapCents).toBe(1000);
    expect(error.spentCents).toBe(1000.5);
    expect(error.resetsAt).toEqual(new Date(1_777_593_600_000));
    expect(error.subAccountId).toBe('sa_1');
  });

  describe('RateLimitError.retryAfter', () => {
    const limited = (extraHeaders: Record<string, string>, extraBody: Record<string, unknown> = {}) =>
      APIError.generate(
        429,
        envelope('rate_limit_error', 'rate_limit_exceeded', 'Slow down.', extraBody),
        '',
        headers(extraHeaders),
      ) as RateLimitError;

    it('reads a Retry-After in seconds, rounded up', () => {
      expect(limited({ 'retry-after': '7' }).retryAfter).toBe(7);
      expect(limited({ 'retry-after': '1.2' }).retryAfter).toBe(2);
    });

    it('reads a Retry-After HTTP date as the seconds left until it, rounded up', () => {
      // A fixed clock mid-second: the date (whole seconds) is 29.6 s away, which rounds up to 30.
      vi.useFakeTimers({ now: Date.UTC(2026, 3, 1, 12, 0, 0, 400) });
      try {
        expect(limited({ 'retry-after': 'Wed, 01 Apr 2026 12:00:30 GMT' }).retryAfter).toBe(30);
        expect(limited({ 'retry-after': 'Wed, 01 Apr 2026 11:59:00 GMT' }).retryAfter).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    });

    it("prefers the envelope's retry_after to the header", () => {
      expect(limited({ 'retry-after': '7' }, { retry_after: 3 }).retryAfter).toBe(3);
      expect(limited({}, { retry_after: 3 }).retryAfter).toBe(3);
    });

    it('is undefined when neither says, or the header is unreadable', () => {
      expect(limited({}).retryAfter).toBeUndefined();
      expect(limited({ 'retry-after': 'soon' }).retryAfter).toBeUndefined();
    });
  });

  it('offers the suggestions of a model_not_found in the message', () => {
    const error = APIError.generate(
      404,
      envelope('not_found_error', 'model_not_found', "Model 'gpt-5.4' not found.", {
        suggestions: ['openai/gpt-5.4', 'openai/gpt-5'],
      }),
      '',
      headers(),
    ) as ModelNotFoundError;
    expect(error.suggestions).toEqual(['openai/gpt-5.4', 'openai/gpt-5']);
    expect(error.message).toBe("Model 'gpt-5.4' not found. Did you mean openai/gpt-5.4 or openai/gpt-5?");
  });

  it('does not repeat suggestions the gateway message already names', () => {
    const error = APIError.generate(
      404,
      envelope('not_found_error', 'model_not_found', 'Unknown model. Did you mean openai/gpt-5.4?', {
        suggestions: ['openai/gpt-5.4'],
      }),
      '',
      headers(),
    );
    expect(error.message).toBe('Unknown model. Did you mean openai/gpt-5.4?');
  });

  it('a 502 without provider_error is an InternalServerError, not a ProviderError', () => {
    const error = APIError.generate(502, undefined, '<html>Bad gateway</html>', new Headers());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).not.toBeInstanceOf(ProviderError);
    expect(error.message).toBe('502 <html>Bad gateway</html>');
    expect(error.requestId).toBeUndefined();
  });

  it('falls back to the body request_id and to a status message', () => {
    const error = APIError.generate(500, { error: { request_id: REQ } }, '', new Headers());
    expect(error.requestId).toBe(REQ);
    expect(error.message).toBe('500 status code (no body)');
  });
});

describe('secrets never leak from errors', () => {
  const key = 'sk-aig-leaky-0123456789abcdef';
  const byok = 'sk-openai-byok-0123456789';

  it('redacts a key echoed in a gateway message or raw body', () => {
    const error = APIError.generate(
      401,
      envelope('authentication_error', 'invalid_api_key', `Key ${key} is invalid (byok ${byok}).`),
      '',
      headers(),
      [key, byok],
    );
    const fallback = APIError.generate(500, undefined, `upstream said Bearer ${key}`, headers(), [key]);
    for (const e of [error, fallback]) {
      for (const text of [
        e.message,
        String(e),
        JSON.stringify(e),
        inspect(e, { depth: 10 }),
        e.stack ?? '',
      ]) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(byok);
      }
    }
  });

  it('toJSON is a small, safe summary', () => {
    const error = APIError.generate(
      400,
      envelope('invalid_request_error', 'missing_field', 'Add model.', { param: 'model' }),
      '',
      headers(),
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'BadRequestError',
      message: 'Add model.',
      status: 400,
      type: 'invalid_request_error',
      code: 'missing_field',
      param: 'model',
      requestId: REQ,
    });
  });
});

describe('non-HTTP errors', () => {
  it('stream errors expose what arrived and the request id; idle is a kind of interruption', () => {
    const partial = { content: 'Hel', toolCalls: [], chunks: [{ a: 1 }] };
    const cut = new StreamInterruptedError('cut', partial, REQ);
    const idle = new StreamIdleTimeoutError(35_000, partial, REQ);
    expect(idle).toBeInstanceOf(StreamInterruptedError);
    expect(idle.partial.content).toBe('Hel');
    expect(idle.message).toMatch(/35000 ms.*proxy_buffering off/);
    expect(cut.requestId).toBe(REQ);
  });

  it('job errors carry the snapshot and the gateway reason', () => {
    const job = {
      ...failedJob(),
      id: 'job_1',
      error: { code: 'provider_error', message: 'Upstream render failed.' },
    };
    const failed = new JobFailedError(job);
    expect(failed.message).toBe('job_1 failed: Upstream render failed.');
    expect(failed).toMatchObject({ job, code: 'provider_error', reason: 'Upstream render failed.' });
    expect(JSON.parse(JSON.stringify(failed))).toEqual({
      name: 'JobFailedError',
      message: failed.message,
      id: 'job_1',
      code: 'provider_error',
      reason: 'Upstream render failed.',
    });
    // A snapshot that says failed without an error still makes a readable error.
    const bare = new JobFailedError({ ...job, error: null } as unknown as FailedJob);
    expect([bare.message, bare.code, bare.reason]).toEqual(['job_1 failed.', undefined, undefined]);
    const run: FailedEvalRun = {
      id: 'eval_1',
      object: 'eval',
      name: 'summarize',
      status: 'failed',
      metric: 'quality',
      candidate_models: ['a/b', 'c/d'],
      dataset_size: 3,
      scores: [],
      winner: null,
      alias: 'eval:eval_1',
      created_at: 1_745_000_000,
      completed_at: 1_745_000_060,
      error: { code: 'provider_error', message: 'The provider failed; start a new run.' },
    };
    const evalFailed = new EvalFailedError(run);
    expect(evalFailed).toBeInstanceOf(AIgatewayError);
    expect(evalFailed.run).toBe(run);
    expect(evalFailed.message).toBe('Eval run eval_1 failed: The provider failed; start a new run.');
    expect(evalFailed).toMatchObject({
      code: 'provider_error',
      reason: 'The provider failed; start a new run.',
    });
    expect(JSON.parse(JSON.stringify(evalFailed))).toEqual({
      name: 'EvalFailedError',
      message: evalFailed.message,
      id: 'eval_1',
      code: 'provider_error',
      reason: 'The provider failed; start a new run.',
    });
    // A run that says failed without an error still makes a readable error.
    const bareRun = new EvalFailedError({ ...run, error: null } as unknown as FailedEvalRun);
    expect(bareRun.message).toMatch(/^Eval run eval_1 failed\. .*start a new run/);
    expect([bareRun.code, bareRun.reason]).toEqual([undefined, undefined]);
    const timeout = new JobTimeoutError('eval_1', 5000, { ...run, status: 'running', error: null });
    expect(timeout.message).toMatch(/eval_1 was still running after 5000 ms/);
    expect(timeout.job).toMatchObject({ object: 'eval', status: 'running' });
    expect(new JobTimeoutError('job_1', 5000, undefined).message).toMatch(/job_1 was still pending after/);
  });

  it('input validation lists every issue', () => {
    const error = new InputValidationError('usage.byTag', [{ path: 'month', message: 'must be YYYY-MM' }]);
    expect(error.message).toBe(
      'Invalid parameters for usage.byTag: month: must be YYYY-MM. Fix them before calling again.',
    );
  });

  it('connection errors are not APIErrors', () => {
    expect(new APIConnectionError()).not.toBeInstanceOf(APIError);
  });
});
