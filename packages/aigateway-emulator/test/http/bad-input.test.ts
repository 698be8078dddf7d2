import { schemas } from 'aigateway-contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => gw.close());

async function expectEnvelope(res: Response, status: number, code: string, param?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  const { error } = await res.json();
  expect(error.code).toBe(code);
  if (param !== undefined) expect(error.param).toBe(param);
  expect(error.message.length).toBeGreaterThan(20);
  return error as { message: string };
}

describe('bad input gets a 4xx envelope naming the problem', () => {
  it('malformed JSON and empty bodies', async () => {
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', {
        raw: '{"model": "x",}',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid_json',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', {
        raw: '',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid_json',
    );
  });

  it('missing fields, wrong types, bad values — each named by its JSON path', async () => {
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', { body: { messages: [{ role: 'user', content: 'x' }] } }),
      400,
      'missing_field',
      'model',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', { body: { model: 'openai/gpt-5.4', messages: 'hi' } }),
      400,
      'invalid_type',
      'messages',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', { body: { model: 'openai/gpt-5.4', messages: [] } }),
      400,
      'invalid_value',
      'messages',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/images/generations', {
        body: { model: 'openai/gpt-image-1', prompt: 'x', size: 'huge' },
      }),
      400,
      'invalid_value',
      'size',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'x', webhook_url: 'ftp://nope' },
      }),
      400,
      'invalid_value',
      'webhook_url',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/sub-accounts', { body: { name: 'x', metadata: { a: 1 } } }),
      400,
      'invalid_type',
      'metadata.a',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/chat/completions', {
        body: {
          model: 'moonshot/kimi-k2.6',
          messages: [
            { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
          ],
        },
      }),
      400,
      'invalid_value',
      'messages[0].content[0]',
    );
    await expectEnvelope(
      await gw.call('POST', '/v1/embeddings', { body: { model: 'baai/bge-m3', input: 'x', dimensions: 8 } }),
      400,
      'invalid_value',
      'dimensions',
    );
  });

  it("image size: each side 10 to 2048 as the contract's pattern says, else 400 naming the rule", async () => {
    const pattern = new RegExp(schemas.ImageGenerationRequest.properties.size.pattern);
    const image = (size: string) =>
      gw.call('POST', '/v1/images/generations', {
        body: { model: 'black-forest-labs/flux-1-schnell', prompt: 'x', size },
      });
    for (const size of ['10x10', '1536x1024', '2048x10', '2048x2048', 'auto']) {
      expect(pattern.test(size), size).toBe(true);
      expect((await image(size)).status, size).toBe(200);
    }
    for (const size of ['4096x1024', '2049x2048', '9520x5370', '9x10', '0010x10']) {
      expect(pattern.test(size), size).toBe(false);
      const error = await expectEnvelope(await image(size), 400, 'invalid_value', 'size');
      expect(error.message).toContain('each side 10 to 2048');
    }
  });

  it('query parameters are checked against the contract on every operation, each named with its rule', async () => {
    const cases: [string, string, RegExp][] = [
      ['/v1/sub-accounts?limit=0', 'limit', /limit query parameter must be an integer from 1 to 100/],
      ['/v1/evals?limit=ten', 'limit', /limit query parameter must be an integer from 1 to 100/],
      [
        '/v1/usage/by-tag?month=2026-13',
        'month',
        /month query parameter must be of the form .* \(e\.g\. 2026-04\)/,
      ],
    ];
    for (const [path, param, message] of cases) {
      const error = await expectEnvelope(await gw.call('GET', path), 400, 'invalid_value', param);
      expect(error.message, path).toMatch(message);
    }
    // A signed URL's expires/signature are a credential: malformed or half of one is a 403, as a
    // wrong signature is (Schemathesis ST201: `expires=true` alone was served).
    for (const query of ['expires=true', 'expires=1', 'signature=xyz', 'expires=true&signature=xyz']) {
      const res = await gw.call('GET', `/v1/files/jobs/job_x/video.mp4?${query}`);
      await expectEnvelope(res, 403, 'forbidden');
    }
    expect((await gw.call('GET', '/v1/sub-accounts?limit=100')).status).toBe(200);
    expect((await gw.call('GET', '/v1/usage/by-tag?month=2026-04')).status).toBe(200);
  });

  it('oversized bodies are 413, by Content-Length or while streaming', async () => {
    const big = 'x'.repeat(70 * 1024);
    await expectEnvelope(
      await gw.call('POST', '/v1/embeddings', { body: { model: 'baai/bge-m3', input: big } }),
      413,
      'payload_too_large',
    );
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(`{"model":"baai/bge-m3","input":"${big}"}`));
        c.close();
      },
    });
    const res = await fetch(`${gw.url}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.apiKey}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectEnvelope(res, 413, 'payload_too_large');
  });

  it('unknown paths and models explain the fix', async () => {
    const e1 = await expectEnvelope(await gw.call('POST', '/v1/chat', { body: {} }), 404, 'unknown_path');
    expect(e1.message).toContain('must end in /v1');
    await expectEnvelope(await gw.call('GET', '/v1/chat/completions'), 405, 'method_not_allowed');
    const e2 = await expectEnvelope(
      await gw.call('POST', '/v1/embeddings', { body: { model: 'bge-m3', input: 'x' } }),
      404,
      'model_not_found',
      'model',
    );
    expect(e2.message).toContain('baai/bge-m3');
    const e3 = await expectEnvelope(
      await gw.call('POST', '/v1/audio/speech', {
        body: { model: 'openai/whisper-large-v3-turbo', input: 'x', voice: 'v' },
      }),
      400,
      'wrong_endpoint',
      'model',
    );
    expect(e3.message).toContain('/v1/audio/transcriptions');
  });

  it('multipart mistakes', async () => {
    const form = new FormData();
    form.set('model', 'openai/whisper-large-v3-turbo');
    form.set('file', 'not a file');
    await expectEnvelope(
      await gw.call('POST', '/v1/audio/transcriptions', { raw: form }),
      400,
      'invalid_type',
      'file',
    );
    const noFile = new FormData();
    noFile.set('model', 'openai/whisper-large-v3-turbo');
    await expectEnvelope(
      await gw.call('POST', '/v1/audio/transcriptions', { raw: noFile }),
      400,
      'missing_field',
      'file',
    );
  });

  it('never answers random JSON with a 5xx or a stack trace (property)', async () => {
    const paths = [
      '/v1/chat/completions',
      '/v1/embeddings',
      '/v1/rerank',
      '/v1/videos/generations',
      '/v1/sub-accounts',
      '/v1/evals',
      '/v1/replays',
      '/v1/3d/generations',
      '/v1/ocr',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, body) => {
        const res = await gw.call('POST', path, { body });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 150 },
    );
  });
});
