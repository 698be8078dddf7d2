import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Log } from '../../src/core/logger.js';
import { AuthenticationError, ModelNotFoundError } from '../../src/index.js';
import { isSecretHeader, redact, redactHeaders } from '../../src/internal/redact.js';
import { type Harness, memoryLogger, startHarness } from '../helpers/emulator.js';

// Key-shaped values of every prefix the pattern knows, as real keys look (long random tails).
const KEYS = [
  'sk-aig-0123456789abcdef',
  'sk-aig-sub-4f1c9e2b7a5d3f8e6c0b1a29',
  'sk-proj-BYOKopenaiSECRET0000111122223333',
  'sk-ant-api03-abcdefgh',
  'pk_live_51HqLyjWDarjtT1zdp7dc',
  'rk_test_abcdefgh12345678',
  'gsk_abcdefghijkl',
  'xai-abcdefghijkl',
  'hf_abcdefghijkl',
  'r8_abcdefghijkl',
  'AIzaSyA-abcdefghijklmnop',
];

// Placeholders in help texts: not secrets, and masking them garbles the advice.
const PLACEHOLDERS = [
  'Create a key in the AIgateway dashboard (https://aigateway.sh), or use the key the emulator printed when it started, and send it as `Authorization: Bearer sk-aig-...`.',
  "The Authorization header must be 'Bearer <key>'.",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal JS-template placeholder, as docs show it.
  'Send Authorization: Bearer YOUR_KEY, e.g. Bearer $AIGATEWAY_API_KEY or Bearer ${apiKey}.',
  'Sub-account keys look like `sk-aig-sub-...`; BYOK keys like sk-... or sk-ant-....',
];

describe('redact', () => {
  it('masks known secrets exactly, wherever they appear', () => {
    expect(redact('key=abc123xyz!', ['abc123xyz!'])).toBe('key=[redacted]');
    expect(redact('Bearer sk-aig-test', ['sk-aig-test'])).toBe('Bearer [redacted]');
  });

  it.each(KEYS)('masks key-shaped value %s by pattern, bare or as a bearer token', (key) => {
    expect(redact(`sending ${key} now`)).toBe('sending [redacted] now');
    expect(redact(`header 'Authorization: Bearer ${key}', then`)).toBe(
      "header 'Authorization: Bearer [redacted]', then",
    );
  });

  it('ends a bearer token at a backtick or quote, so the text around it survives', () => {
    expect(redact('send `Authorization: Bearer sk-aig-0123456789abcdef`.')).toBe(
      'send `Authorization: Bearer [redacted]`.',
    );
    expect(redact('"Bearer 9f86d081884c7d659a2feaa0c55ad015" sent')).toBe('"Bearer [redacted]" sent');
  });

  it.each(PLACEHOLDERS)('leaves a placeholder alone: %s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('POST /v1/chat/completions 200 req_0123456789abcdef01234567')).toBe(
      'POST /v1/chat/completions 200 req_0123456789abcdef01234567',
    );
  });

  it('applies to every log line: placeholders intact, keys masked', () => {
    const { lines, logger } = memoryLogger();
    const log = new Log('debug', logger, []);
    for (const text of PLACEHOLDERS) log.info(text);
    log.warn(`keys: ${KEYS.join(' ')}`);
    expect(lines.slice(0, PLACEHOLDERS.length)).toEqual(PLACEHOLDERS.map((t) => `[aigateway] ${t}`));
    expect(lines.at(-1)).toBe(`[aigateway] keys: ${KEYS.map(() => '[redacted]').join(' ')}`);
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

describe('redaction of the gateway’s messages, through the client', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('keeps the 401 advice intact (`Authorization: Bearer sk-aig-...`) and masks the wrong key', async () => {
    const wrongKey = 'sk-aig-WRONGkey0123456789';
    const raw = await fetch(`${gw.baseURL}/models`, { headers: { authorization: `Bearer ${wrongKey}` } });
    const { error: envelope } = (await raw.json()) as { error: { message: string } };
    expect(envelope.message).toContain('send it as `Authorization: Bearer sk-aig-...`.');

    const error = await gw
      .client({ apiKey: wrongKey })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe(envelope.message);
    expect((error as AuthenticationError).error?.message).toBe(envelope.message);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(wrongKey);

    const missing = await gw
      .client({ defaultHeaders: { authorization: 'Token x' } })
      .models.list()
      .catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(
      /^The Authorization header must be 'Bearer <key>'\. .*`Authorization: Bearer sk-aig-\.\.\.`\.$/,
    );
  });

  it('masks keys of every prefix that a message echoes, in the message, the envelope and inspect', async () => {
    for (const key of KEYS) {
      const error = await gw
        .client()
        .chat.completions.create({ model: key, messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotFoundError);
      const shown = [
        (error as Error).message,
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
      ];
      for (const text of shown) expect(text).not.toContain(key);
      expect((error as Error).message).toContain("The model '[redacted]' does not exist.");
    }
  });
});
