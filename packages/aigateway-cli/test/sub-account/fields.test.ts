import { schemas } from 'aigateway-contract';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { fields } from '../../src/sub-account/fields.js';

const { name, spend_cap_cents, rate_limit_rpm } = schemas.SubAccountCreateRequest.properties;

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('sub-account fields check the contract’s limits, naming the flag', () => {
  it('--name: at most the contract’s length, counted in characters', () => {
    const longest = 'é'.repeat(name.maxLength);
    expect(fields({ name: longest }, false).name).toBe(longest);
    expect(usage(() => fields({ name: `${longest}x` }, false))).toBe(
      `--name must be at most ${name.maxLength} characters, got ${name.maxLength + 1}.`,
    );
    expect(usage(() => fields({ name: '  ' }, false))).toBe('--name must not be empty.');
  });

  it('--spend-cap-cents and --rpm: the contract’s minimums', () => {
    expect(
      fields({ spendCapCents: String(spend_cap_cents.minimum), rpm: String(rate_limit_rpm.minimum) }, false),
    ).toEqual({ spend_cap_cents: spend_cap_cents.minimum, rate_limit_rpm: rate_limit_rpm.minimum });
    expect(usage(() => fields({ spendCapCents: String(spend_cap_cents.minimum - 1) }, false))).toContain(
      '--spend-cap-cents must be at least',
    );
    expect(usage(() => fields({ rpm: String(rate_limit_rpm.minimum - 1) }, false))).toContain(
      '--rpm must be at least',
    );
    expect(fields({ rpm: 'none', spendCapCents: 'none' }, true)).toEqual({
      rate_limit_rpm: null,
      spend_cap_cents: null,
    });
  });
});
