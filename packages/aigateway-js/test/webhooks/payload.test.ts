// What JSON.parse sees must be exactly what was signed. Bytes are signed as they are (and must be
// UTF-8); a string is signed as its UTF-8 encoding, in which a lone surrogate becomes U+FFFD. The
// verifiers parse a string without re-encoding it, so these tests pin that a string and its
// encoding always give the same event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completedJob, NOW, NOW_SECONDS, SECRET } from './fixtures.js';
import { referenceSignature } from './reference-signer.js';
import { variants } from './variants.js';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const at = { now: NOW };

/** A completed job's JSON with `raw` spliced, unescaped, into a string value. */
function bodyWith(raw: string): string {
  const json = JSON.stringify({ ...completedJob(), added_later: 'RAW' });
  return json.replace('"RAW"', `"${raw}"`);
}

function headersFor(signedBytes: Uint8Array) {
  return {
    'x-aig-signature': `t=${NOW_SECONDS},v1=${referenceSignature(SECRET, NOW_SECONDS, signedBytes)}`,
    'x-aig-delivery-id': 'dlv_1',
    'x-aig-attempt': '1',
    'x-aig-event-type': 'job.completed',
  };
}

describe.each(variants)('string and byte bodies: $name', ({ verify }) => {
  it('verifies a string with a lone surrogate as its UTF-8 encoding and parses what was signed (U+FFFD)', async () => {
    const body = bodyWith('a\uD800b\uDFFFc');
    const headers = headersFor(encode(body));
    const fromString = await verify(body, headers, SECRET, at);
    expect(fromString.data).toMatchObject({ added_later: 'a\uFFFDb\uFFFDc' });
    expect((await verify(encode(body), headers, SECRET, at)).data).toEqual(fromString.data);
  });

  it('finds a lone surrogate without String.prototype.isWellFormed too (runtimes before ES2024)', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(String.prototype, 'isWellFormed');
    const body = bodyWith('a\uD800b');
    const headers = headersFor(encode(body));
    try {
      Reflect.deleteProperty(String.prototype, 'isWellFormed');
      expect((await verify(body, headers, SECRET, at)).data).toMatchObject({ added_later: 'a\uFFFDb' });
      const paired = bodyWith('a\u{1F3AC}b');
      const event = await verify(paired, headersFor(encode(paired)), SECRET, at);
      expect(event.data).toMatchObject({ added_later: 'a\u{1F3AC}b' });
    } finally {
      if (descriptor) Object.defineProperty(String.prototype, 'isWellFormed', descriptor);
    }
    expect(Object.getOwnPropertyDescriptor(String.prototype, 'isWellFormed')).toEqual(descriptor);
  });

  // The sync verifier encodes bodies up to 16K characters into a reusable buffer and hashes the
  // bytes; longer ones are hashed as strings. Both must sign and parse the same text.
  it.each([
    ['short, ASCII', ''],
    ['long, ASCII', 'x'.repeat(40_000)],
    ['short, with a lone surrogate', 'a\uD800b'],
    ['long, with a lone surrogate', `${'x'.repeat(40_000)}a\uDC00b`],
    ['long, not ASCII', `${'é'.repeat(20_000)}\u{1F3AC}`],
  ])('a %s string body gives the event of its UTF-8 bytes', async (_, text) => {
    const body = bodyWith(text);
    const bytes = encode(body);
    const event = await verify(body, headersFor(bytes), SECRET, at);
    expect(event.data).toEqual(JSON.parse(decode(bytes)));
  });

  it('keeps an escaped lone surrogate: the escape itself is what was signed', async () => {
    const body = bodyWith('a\\ud800b');
    const event = await verify(body, headersFor(encode(body)), SECRET, at);
    expect(event.data).toMatchObject({ added_later: 'a\uD800b' });
  });

  it('drops a leading byte order mark from a string as from bytes', async () => {
    const body = `\uFEFF${JSON.stringify(completedJob())}`;
    const headers = headersFor(encode(body));
    for (const raw of [body, encode(body)]) {
      expect((await verify(raw, headers, SECRET, at)).data).toEqual(completedJob());
    }
  });

  // Raw text in a JSON string value: lone surrogates, BOMs, U+FFFD and the rest of Unicode.
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('\uFEFF', '\uFFFD', 'é', '日', '\u{1F3AC}'),
  );
  const raw = fc
    .string({ unit, maxLength: 40 })
    .map((text) => [...text].filter((c) => c >= ' ' && c !== '"' && c !== '\\').join(''))
    .filter((text) => text !== '');

  it('gives the same event for a string and for its UTF-8 bytes, equal to parsing the decoded bytes', async () => {
    await fc.assert(
      fc.asyncProperty(raw, fc.boolean(), async (text, bom) => {
        const body = `${bom ? '\uFEFF' : ''}${bodyWith(text)}`;
        const bytes = encode(body);
        const headers = headersFor(bytes);
        const fromString = await verify(body, headers, SECRET, at);
        expect((await verify(bytes, headers, SECRET, at)).data).toEqual(fromString.data);
        expect(fromString.data).toEqual(JSON.parse(decode(bytes)));
      }),
      { numRuns: 300 },
    );
  });
});
