import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../src/webhooks/errors.js';

/** A second, independently evaluated copy of errors.ts, as a CJS and an ESM build each carry one. */
async function secondCopy(): Promise<typeof import('../../src/webhooks/errors.js')> {
  const entry = new URL('../../src/webhooks/errors.ts', import.meta.url).pathname;
  const { outputFiles } = await build({ entryPoints: [entry], bundle: true, format: 'esm', write: false });
  return import(`data:text/javascript,${encodeURIComponent(outputFiles[0]!.text)}`);
}

describe('WebhookVerificationError', () => {
  it('carries name, reason, header and message, and serialises to exactly those', () => {
    const error = new WebhookVerificationError(
      'missing_header',
      'The `x-aig-attempt` header is missing.',
      'x-aig-attempt',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookVerificationError');
    expect(String(error)).toBe('WebhookVerificationError: The `x-aig-attempt` header is missing.');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'WebhookVerificationError',
      reason: 'missing_header',
      header: 'x-aig-attempt',
      message: 'The `x-aig-attempt` header is missing.',
    });
    expect(new WebhookVerificationError('invalid_body', 'x').toJSON()).not.toHaveProperty('header');
  });

  it('is recognised by instanceof across separate copies of the module (ESM, CJS and edge builds)', async () => {
    const copy = await secondCopy();
    expect(copy.WebhookVerificationError).not.toBe(WebhookVerificationError);
    expect(new copy.WebhookVerificationError('invalid_body', 'x')).toBeInstanceOf(WebhookVerificationError);
    expect(new WebhookVerificationError('invalid_body', 'x')).toBeInstanceOf(copy.WebhookVerificationError);
    expect(new Error('x')).not.toBeInstanceOf(WebhookVerificationError);
    expect({ reason: 'invalid_body' }).not.toBeInstanceOf(WebhookVerificationError);
  });
});
