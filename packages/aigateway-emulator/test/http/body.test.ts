import { describe, expect, it } from 'vitest';
import { parseJson, parseMultipart, readBody, tooLarge } from '../../src/http/body.js';
import { ApiError } from '../../src/http/errors.js';

const code = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof ApiError ? `${e.status} ${e.code}` : String(e);
  }
  return 'ok';
};

describe('request bodies (the fetch path, as msw uses it)', () => {
  it('reads bodies up to the limit and refuses bigger ones, declared or streamed', async () => {
    const body = new Uint8Array(100);
    expect(await readBody(new Request('http://x', { method: 'POST', body }), 100)).toHaveLength(100);
    expect(
      await code(
        readBody(new Request('http://x', { method: 'POST', body, headers: { 'content-length': '100' } }), 99),
      ),
    ).toBe('413 payload_too_large');
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(40));
        c.close();
      },
    });
    expect(
      await code(
        readBody(
          new Request('http://x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
          150,
        ),
      ),
    ).toBe('413 payload_too_large');
  });

  it('names exact sizes, so a body just over the limit does not read as the limit', () => {
    expect(tooLarge(65_576, 65_536).message).toBe(
      'The request body is 65,576 bytes, over the 64 KiB limit (65,536 bytes); send a smaller body (compress or split the input).',
    );
    expect(tooLarge(undefined, 25 * 1024 * 1024).message).toContain(
      'over the 25 MiB limit (26,214,400 bytes)',
    );
  });

  it('parses JSON or says what is wrong', async () => {
    expect(parseJson(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
    expect(await code(() => parseJson(new TextEncoder().encode('{"a":')))).toBe('400 invalid_json');
    expect(await code(() => parseJson(undefined))).toBe('400 invalid_json');
  });

  it('parses multipart fields, files and [] arrays; other media types are 400', async () => {
    const form = new FormData();
    form.set('model', 'm');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    form.set('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }), 'a.wav');
    const req = new Request('http://x', { method: 'POST', body: form });
    const fields = await parseMultipart(
      new Uint8Array(await req.arrayBuffer()),
      req.headers.get('content-type')!,
    );
    expect(fields.model).toBe('m');
    expect(fields.timestamp_granularities).toEqual(['word', 'segment']);
    expect(fields.file).toMatchObject({ filename: 'a.wav', content_type: 'audio/wav' });
    expect(await code(parseMultipart(new Uint8Array(0), 'application/json'))).toBe(
      '415 unsupported_media_type',
    );
  });
});
