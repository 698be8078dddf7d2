import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
let signedUrl: string;
beforeAll(async () => {
  gw = await startGateway();
  const res = await gw.call('POST', '/v1/images/generations', {
    body: { model: 'openai/gpt-image-1', prompt: 'a red square' },
  });
  signedUrl = ((await res.json()) as { data: { url: string }[] }).data[0]!.url;
});
afterAll(() => gw.close());

describe('x-aig-fault needs the key (#12 item 7)', () => {
  it('a signed download URL alone downloads, but cannot inject a fault: 401', async () => {
    expect((await fetch(signedUrl)).status).toBe(200);
    const res = await fetch(signedUrl, { headers: { 'x-aig-fault': 'status=500' } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('missing_api_key');
    expect(body.error.message).toContain('x-aig-fault needs the API key');
  });

  it('a signed URL with a wrong key and a fault: 401', async () => {
    const res = await fetch(signedUrl, {
      headers: { 'x-aig-fault': 'drop=before', authorization: 'Bearer sk-aig-not-the-key' },
    });
    expect(res.status).toBe(401);
  });

  it('with the key, the fault is honoured on the signed path and elsewhere', async () => {
    const headers = { 'x-aig-fault': 'status=500', authorization: `Bearer ${gw.apiKey}` };
    expect((await fetch(signedUrl, { headers })).status).toBe(500);
    expect((await gw.call('GET', '/v1/models', { headers: { 'x-aig-fault': 'status=500' } })).status).toBe(
      500,
    );
  });

  it('without a key no route injects one', async () => {
    const res = await gw.call('GET', '/v1/models', { key: null, headers: { 'x-aig-fault': 'status=500' } });
    expect(res.status).toBe(401);
  });
});
