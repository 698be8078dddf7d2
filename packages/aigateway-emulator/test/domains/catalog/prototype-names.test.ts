import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

// The floating names were a plain object indexed by the request's `model`, so `__proto__` found
// Object.prototype and the request was a 500 (Schemathesis ST101, a multipart transcription).
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe.each(['__proto__', 'constructor', 'toString'])('the model %s', (model) => {
  it('is model_not_found on chat, a multipart transcription and GET /v1/models/{model}', async () => {
    const form = new FormData();
    form.set('model', model);
    form.set('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }), 'a.wav');
    const responses: [Response, string, string][] = [
      [
        await gw.call('POST', '/v1/chat/completions', {
          body: { model, messages: [{ role: 'user', content: 'hi' }] },
        }),
        'POST',
        '/v1/chat/completions',
      ],
      [await gw.call('POST', '/v1/audio/transcriptions', { raw: form }), 'POST', '/v1/audio/transcriptions'],
      [await gw.call('GET', `/v1/models/${model}`), 'GET', '/v1/models/{model}'],
    ];
    for (const [res, method, template] of responses) {
      expect(res.status, `${method} ${template}`).toBe(404);
      const body = await expectContract<{ error: { code: string; message: string } }>(res, method, template);
      expect(body.error.code).toBe('model_not_found');
      expect(body.error.message).toContain(`The model '${model}' does not exist`);
    }
  });
});
