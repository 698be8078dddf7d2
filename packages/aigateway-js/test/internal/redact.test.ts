import { describe, expect, it } from 'vitest';
import { isSecretHeader, redact, redactHeaders } from '../../src/internal/redact.js';

describe('redact', () => {
  it('masks known secrets exactly, wherever they appear', () => {
    expect(redact('key=abc123xyz!', ['abc123xyz!'])).toBe('key=[redacted]');
  });

  it.each([
    'Bearer sk-aig-0123456789abcdef',
    'sk-aig-sub-0123456789abcdef',
    'sk-ant-api03-abcdefgh',
    'gsk_abcdefghijkl',
    'xai-abcdefghijkl',
    'hf_abcdefghijkl',
    'AIzaSyA-abcdefghijklmnop',
  ])('masks key-shaped value %s by pattern', (secret) => {
    const out = redact(`sending ${secret} now`);
    expect(out).not.toContain(secret.replace(/^Bearer /, ''));
    expect(out).toMatch(/\[redacted\]/);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('POST /v1/chat/completions 200 req_0123456789abcdef01234567')).toBe(
      'POST /v1/chat/completions 200 req_0123456789abcdef01234567',
    );
  });

  it('treats Authorization, x-byok-* and x-api-key as secret headers in any case', () => {
    expect(['Authorization', 'x-byok-openai', 'X-BYOK-Anthropic', 'x-api-key'].every(isSecretHeader)).toBe(
      true,
    );
    expect(isSecretHeader('x-aig-tag')).toBe(false);
    expect(redactHeaders({ authorization: 'Bearer k', 'x-byok-openai': 'k', 'x-aig-tag': 't' })).toEqual({
      authorization: '[redacted]',
      'x-byok-openai': '[redacted]',
      'x-aig-tag': 't',
    });
  });
});
