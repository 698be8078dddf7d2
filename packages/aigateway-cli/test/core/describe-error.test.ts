import { errorStatuses } from 'aigateway-contract';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  EvalFailedError,
  InputValidationError,
  JobFailedError,
  JobTimeoutError,
  WebhookVerificationError,
} from 'aigateway-js';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/core/describe-error.js';
import { CliError } from '../../src/errors.js';
import { exitCodeForStatus } from '../../src/exit-codes.js';
import { failedEvalRun } from '../fixtures/evals.js';
import { jobSnapshot } from '../fixtures/jobs.js';

/** An SDK error built the way the SDK builds it from a gateway response. */
function fromGateway(status: number, type: string, code: string, extra: Record<string, unknown> = {}) {
  const headers = new Headers({ 'x-request-id': 'req_0123456789abcdef01234567' });
  const body = { error: { type, code, message: `The gateway says ${code}.`, ...extra } };
  return APIError.generate(status, body, JSON.stringify(body), headers);
}

describe('describeError maps every SDK error to the documented exit code', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_value', 2],
    [401, 'authentication_error', 'invalid_api_key', 3],
    [402, 'budget_exceeded', 'budget_exceeded', 4],
    [403, 'permission_error', 'forbidden', 3],
    [404, 'not_found_error', 'not_found', 5],
    [413, 'invalid_request_error', 'payload_too_large', 2],
    [422, 'invalid_request_error', 'idempotency_key_reused', 2],
    [429, 'rate_limit_error', 'rate_limit_exceeded', 6],
    [500, 'api_error', 'internal_error', 7],
    [502, 'provider_error', 'provider_error', 7],
  ])(
    'HTTP %i %s/%s → exit %i, with the gateway code, message and request id',
    async (status, type, code, exit) => {
      const described = await describeError(fromGateway(status, type, code));
      expect(described).toMatchObject({
        exitCode: exit,
        code,
        status,
        type,
        requestId: 'req_0123456789abcdef01234567',
      });
      expect(described.message).toMatch(new RegExp(`^The gateway says ${code}\\.`));
      // A rejected key gets advice in aig terms.
      if (status === 401) expect(described.message).toContain('aig init');
    },
  );

  it('keeps the suggestions of model_not_found', async () => {
    const described = await describeError(
      fromGateway(404, 'not_found_error', 'model_not_found', { suggestions: ['openai/gpt-5.4'] }),
    );
    expect(described.exitCode).toBe(5);
    expect(described.details?.suggestions).toEqual(['openai/gpt-5.4']);
    expect(described.message).toContain('openai/gpt-5.4');
  });

  it.each([
    [
      402,
      'budget_exceeded',
      { spend_cap_cents: 100, spent_cents: 100.3, resets_at: 1_795_996_800, sub_account_id: 'sa_1' },
    ],
    [429, 'rate_limit_error', { retry_after: 2 }],
    [404, 'not_found_error', { suggestions: ['openai/gpt-5.4'], param: 'model' }],
    [502, 'provider_error', { provider: 'openai' }],
  ])('HTTP %i %s: passes the type-specific fields through as details', async (status, type, extra) => {
    const described = await describeError(fromGateway(status, type, type, extra));
    expect(described.details).toEqual(extra);
  });

  it('takes retry_after from the Retry-After header when the envelope lacks it', async () => {
    const headers = new Headers({ 'retry-after': '3', 'x-request-id': 'req_0123456789abcdef01234567' });
    const body = { error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down.' } };
    const described = await describeError(APIError.generate(429, body, JSON.stringify(body), headers));
    expect(described.details).toEqual({ retry_after: 3 });
  });

  it.each([
    ['connection', new APIConnectionError(), 7, 'connection_error'],
    ['timeout', new APITimeoutError(1000), 7, 'timeout'],
    ['abort', new APIUserAbortError(), 130, 'interrupted'],
    [
      'failed job',
      new JobFailedError(jobSnapshot('failed') as ConstructorParameters<typeof JobFailedError>[0]),
      7,
      'provider_error',
    ],
    ['job timeout', new JobTimeoutError('job_1', 1000, undefined), 7, 'timeout'],
    ['configuration', new ConfigurationError('bad'), 2, 'invalid_input'],
    [
      'input validation',
      new InputValidationError('x.create', [{ path: 'model', message: 'required' }]),
      2,
      'invalid_input',
    ],
    [
      'webhook signature',
      new WebhookVerificationError('no_matching_signature', 'no match'),
      3,
      'no_matching_signature',
    ],
  ])('%s → exit %i (%s)', async (_name, error, exit, code) => {
    expect(await describeError(error)).toMatchObject({ exitCode: exit, code });
  });
});

// `aig eval run --wait` against a run the emulator fails (eval=fail) is tested end to end in
// test/e2e/primitives.test.ts; these are the shapes the emulator never sends.
describe('EvalFailedError without a reason', () => {
  it('a failed run whose error is null still names the run, what to check and the commands', async () => {
    const described = await describeError(new EvalFailedError(failedEvalRun('eval_f41led', null)));
    expect(described).toMatchObject({
      exitCode: 7,
      code: 'eval_failed',
      message:
        'Eval run eval_f41led (nightly-summarize) failed on the gateway, which gave no reason; check the ' +
        'dataset and candidate models. See it with aig eval get eval_f41led; start a new run with aig eval run.',
      details: { eval_id: 'eval_f41led' },
    });
  });
});

// Issue #11 item 4: SDK errors are recognised by class, never by their `name`. An error that only calls itself
// EvalFailedError (or carries an SDK-looking `status`) is not one: it is reported as a bug, not as exit 7/5.
describe('SDK errors are recognised by class, not by name or shape', () => {
  it.each([
    ['EvalFailedError', {}],
    ['JobFailedError', {}],
    ['APIConnectionError', {}],
    ['APIUserAbortError', {}],
    ['NotFoundError', { status: 404, code: 'not_found' }],
  ])('an Error named %s that is not the SDK class exits 1', async (name, extra) => {
    const impostor = Object.assign(new Error('looks like an SDK error'), { name, ...extra });
    expect(await describeError(impostor)).toMatchObject({ exitCode: 1, code: 'unexpected_error' });
  });
});

describe('describeError for the CLI’s own errors', () => {
  it('passes CliError through', async () => {
    expect(await describeError(new CliError('Nope.', { code: 'x_y', exitCode: 2 }))).toMatchObject({
      exitCode: 2,
      code: 'x_y',
      message: 'Nope.',
    });
  });

  it('turns commander usage errors into exit 2 on one line', async () => {
    const error = new CommanderError(
      1,
      'commander.unknownCommand',
      "error: unknown command 'modls'\n(Did you mean models?)",
    );
    expect(await describeError(error)).toMatchObject({
      exitCode: 2,
      code: 'usage_error',
      message: "Unknown command 'modls' (Did you mean models?). Run 'aig --help' to see every command.",
    });
    expect((await describeError(new CommanderError(0, 'commander.version', '0.1.0'))).exitCode).toBe(0);
  });

  it('reports anything else as a bug (exit 1)', async () => {
    expect(await describeError(new TypeError('x is undefined'))).toMatchObject({
      exitCode: 1,
      code: 'unexpected_error',
    });
    expect(await describeError('a string')).toMatchObject({ exitCode: 1 });
  });
});

describe('exitCodeForStatus', () => {
  it('maps every error status of the contract by its error type', () => {
    const byType: Record<string, number> = {
      invalid_request_error: 2,
      authentication_error: 3,
      permission_error: 3,
      budget_exceeded: 4,
      not_found_error: 5,
      conflict_error: 1,
      rate_limit_error: 6,
      api_error: 7,
      provider_error: 7,
    };
    for (const [status, { type }] of Object.entries(errorStatuses))
      expect([status, exitCodeForStatus(Number(status))]).toEqual([status, byType[type]]);
    expect(exitCodeForStatus(415)).toBe(2);
  });

  it('treats an unknown 4xx as unexpected and no status as a network error', async () => {
    expect(exitCodeForStatus(418)).toBe(1);
    expect(exitCodeForStatus(undefined)).toBe(7);
    expect(exitCodeForStatus(503)).toBe(7);
  });
});
