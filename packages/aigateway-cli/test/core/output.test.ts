import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/core/color.js';
import { renderTable } from '../../src/core/table.js';
import { Output } from '../../src/output.js';

const tty = Object.assign(new PassThrough(), { isTTY: true });
const pipe = new PassThrough();

describe('colorLevel', () => {
  it('colours a TTY and not a pipe', () => {
    expect(colorLevel(tty, {}, true)).toBeGreaterThan(0);
    expect(colorLevel(pipe, {}, true)).toBe(0);
  });
  it.each([
    ['--no-color', {}, false],
    ['NO_COLOR', { NO_COLOR: '1' }, true],
    ['TERM=dumb', { TERM: 'dumb' }, true],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, true],
  ])('turns colour off with %s', (_name, env, flag) => {
    expect(colorLevel(tty, env, flag)).toBe(0);
  });
  it('lets NO_COLOR win over FORCE_COLOR, and FORCE_COLOR colour a pipe', () => {
    expect(colorLevel(pipe, { FORCE_COLOR: '1' }, true)).toBeGreaterThan(0);
    expect(colorLevel(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(0);
  });
});

describe('renderTable', () => {
  it('aligns columns, right-aligning numbers', () => {
    const text = renderTable(
      [
        { header: 'TAG', value: (r: { tag: string; n: number }) => r.tag },
        { header: 'COST', value: (r) => String(r.n), align: 'right' },
      ],
      [
        { tag: 'summarize', n: 5 },
        { tag: 'x', n: 1234 },
      ],
    );
    expect(text.split('\n')).toEqual(['TAG        COST', 'summarize     5', 'x          1234']);
  });
});

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('Output', () => {
  it('redacts registered secrets on every stream', () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const output = new Output(
      { stdout, stderr, env: {} },
      { json: false, quiet: false, verbose: true, color: true },
    );
    output.redact('sk-aig-secretsecret');
    output.line('key=sk-aig-secretsecret');
    output.debug('using sk-aig-secretsecret');
    output.error({ exitCode: 3, code: 'x', message: 'bad sk-aig-secretsecret' });
    expect(out() + err()).not.toContain('sk-aig-secretsecret');
    expect(out()).toBe('key=[redacted]\n');
  });

  it('prints errors as one line, or one JSON line with --json', () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const human = new Output(
      { stdout: new PassThrough(), stderr, env: {} },
      { json: false, quiet: false, verbose: false, color: false },
    );
    human.error({ exitCode: 5, code: 'model_not_found', message: 'Unknown model.', requestId: 'req_1' });
    expect(err()).toBe('error: Unknown model. (X-Request-Id: req_1)\n');

    const jsonErr = new PassThrough();
    const jerr = collect(jsonErr);
    const json = new Output(
      { stdout: new PassThrough(), stderr: jsonErr, env: {} },
      { json: true, quiet: false, verbose: false, color: false },
    );
    json.error({
      exitCode: 5,
      code: 'model_not_found',
      message: 'Unknown model.',
      requestId: 'req_1',
      status: 404,
    });
    const lines = jerr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      error: {
        code: 'model_not_found',
        message: 'Unknown model.',
        exit_code: 5,
        status: 404,
        type: null,
        request_id: 'req_1',
      },
    });
  });

  it('passes the gateway’s type-specific fields through, never over the envelope’s own keys', () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const json = new Output(
      { stdout: new PassThrough(), stderr, env: {} },
      { json: true, quiet: false, verbose: false, color: false },
    );
    json.error({
      exitCode: 6,
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
      status: 429,
      type: 'rate_limit_error',
      requestId: 'req_1',
      details: { retry_after: 2, exit_code: 99, code: 'other' },
    });
    expect(JSON.parse(err())).toEqual({
      error: {
        code: 'rate_limit_exceeded',
        message: 'Slow down.',
        exit_code: 6,
        status: 429,
        type: 'rate_limit_error',
        request_id: 'req_1',
        retry_after: 2,
      },
    });
  });

  it('names the useful fields in human errors, unless the message already says them', () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const human = new Output(
      { stdout: new PassThrough(), stderr, env: {} },
      { json: false, quiet: false, verbose: false, color: false },
    );
    human.error({
      exitCode: 4,
      code: 'budget_exceeded',
      message: 'Cap reached.',
      requestId: 'req_1',
      details: { spend_cap_cents: 100, spent_cents: 100.3, resets_at: 1_796_083_200, sub_account_id: 'sa_1' },
    });
    human.error({
      exitCode: 4,
      code: 'budget_exceeded',
      message: 'Over the cap.',
      details: { spend_cap_cents: 100, spent_cents: 60, reserved_cents: 30, price_cents: 15 },
    });
    human.error({ exitCode: 6, code: 'rate_limit_exceeded', message: 'Slow.', details: { retry_after: 2 } });
    human.error({
      exitCode: 6,
      code: 'rate_limit_exceeded',
      message: 'Slow; retry after 2 s.',
      details: { retry_after: 2 },
    });
    human.error({
      exitCode: 7,
      code: 'provider_error',
      message: 'Upstream failed.',
      details: { provider: 'x' },
    });
    expect(err().split('\n')).toEqual([
      'error: Cap reached. (cap 100¢, spent 100.3¢, resets 2026-12-01) (X-Request-Id: req_1)',
      'error: Over the cap. (cap 100¢, spent 60¢, reserved 30¢, this request 15¢)',
      'error: Slow. (retry after 2 s)',
      'error: Slow; retry after 2 s.',
      'error: Upstream failed. (provider x)',
      '',
    ]);
  });

  it('keeps notices off stdout and hides them with --quiet', () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const quiet = new Output(
      { stdout, stderr, env: {} },
      { json: false, quiet: true, verbose: false, color: false },
    );
    quiet.info('hello');
    quiet.warn('careful');
    quiet.status('spinning').stop('done');
    expect(out()).toBe('');
    expect(err()).toBe('');
  });
});
