import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, startGateway, type TestGateway } from '../../helpers.js';

// A JSON body member shaped like an upload ({ "bytes": … }) was taken for one when the request was
// logged for replays: Buffer.from({}) threw and the request was a 500 (Schemathesis ST101 on
// POST /v1/detections). Only multipart uploads are files.
let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe('a JSON member with a bytes member', () => {
  it('is served, logged and replayed as the JSON it is', async () => {
    const body = {
      model: 'meta/m2m100-1.2b',
      input: 'hello',
      target_language: 'fr',
      extra: { bytes: {}, data: [1] },
    };
    const res = await gw.call('POST', '/v1/translations', { body });
    expect(res.status).toBe(200);
    await expectContract(res, 'POST', '/v1/translations');
    const replay = await gw.call('POST', '/v1/replays', {
      body: { source_request_id: res.headers.get('x-request-id'), target_model: 'meta/m2m100-1.2b' },
    });
    expect(replay.status).toBe(201);
    const replayed = await expectContract<{ response: { data: unknown } }>(replay, 'POST', '/v1/replays');
    const original = await res.json();
    expect(original.object).toBe('translation');
    expect(replayed.response.data).toEqual(original.data);
  });

  it('a member shaped like a stored upload ({ data_base64 }) is replayed as the JSON it is', async () => {
    const extra = { filename: 'notes.txt', data_base64: 'not base64 at all' };
    const res = await gw.call('POST', '/v1/translations', {
      body: { model: 'meta/m2m100-1.2b', input: 'hello', target_language: 'fr', extra },
    });
    expect(res.status).toBe(200);
    const replay = await gw.call('POST', '/v1/replays', {
      body: { source_request_id: res.headers.get('x-request-id'), target_model: 'meta/m2m100-1.2b' },
    });
    expect(replay.status).toBe(201);
    // The replay is logged as a request of its own (the Replay's request_id), with the body it ran.
    const { request_id } = (await replay.json()) as { request_id: string };
    const replayed = gw.control.requests().find((r) => r.id === request_id);
    expect(replayed?.path).toBe('/v1/translations');
    expect((replayed?.body as { extra?: unknown } | null)?.extra).toEqual(extra);
  });
});
