import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

const replay = (source: string | null, target: string, key?: string) =>
  gw.call('POST', '/v1/replays', { body: { source_request_id: source, target_model: target }, key });

describe('replays', () => {
  it('re-executes a stored request on the target model and references the original', async () => {
    const original = await gw.call('POST', '/v1/chat/completions', {
      body: {
        model: 'anthropic/claude-sonnet-4.6',
        stream: true,
        messages: [{ role: 'user', content: 'Classify this ticket' }],
      },
    });
    await original.text();
    const sourceId = original.headers.get('x-request-id');
    const res = await replay(sourceId, 'anthropic/claude-opus-4.7');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      object: 'replay',
      source_request_id: sourceId,
      source_model: 'anthropic/claude-sonnet-4.6',
      target_model: 'anthropic/claude-opus-4.7',
      endpoint: '/v1/chat/completions',
    });
    expect(body.response.choices[0].message.content).toBe(
      'Emulated reply from anthropic/claude-opus-4.7 to “Classify this ticket”.',
    );
    expect(body.request_id).not.toBe(sourceId);
    expect(gw.control.charges().some((c) => c.request_id === body.request_id)).toBe(true);
    const again = await replay(body.request_id, 'openai/gpt-5.4');
    expect((await again.json()).source_model).toBe('anthropic/claude-opus-4.7');
  });

  it('replays uploads and binary outputs', async () => {
    const form = new FormData();
    form.set('model', 'openai/whisper-large-v3-turbo');
    form.set('file', new Blob([new Uint8Array(2000)]), 'a.bin');
    const stt = await gw.call('POST', '/v1/audio/transcriptions', { raw: form });
    const r1 = await (await replay(stt.headers.get('x-request-id'), 'openai/whisper-large-v3-turbo')).json();
    expect(typeof r1.response.text).toBe('string');
    const tts = await gw.call('POST', '/v1/audio/speech', {
      body: { model: 'deepgram/aura-2-en', input: 'hi', voice: 'x', response_format: 'wav' },
    });
    const r2 = await (await replay(tts.headers.get('x-request-id'), 'openai/gpt-4o-mini-tts')).json();
    expect(r2.response).toMatchObject({ content_type: 'audio/wav' });
    expect(Buffer.from(r2.response.b64_data, 'base64').subarray(0, 4).toString()).toBe('RIFF');
  });

  it('refuses targets of another modality, non-model requests and other keys’ requests', async () => {
    const src = await gw.call('POST', '/v1/embeddings', { body: { model: 'baai/bge-m3', input: 'x' } });
    const wrong = await replay(src.headers.get('x-request-id'), 'openai/gpt-5.4');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toMatchObject({ code: 'wrong_endpoint', param: 'target_model' });
    const list = await gw.call('GET', '/v1/models');
    expect((await replay(list.headers.get('x-request-id'), 'openai/gpt-5.4')).status).toBe(400);
    const sa = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'other' } })).json();
    expect(
      (await replay(src.headers.get('x-request-id'), 'openai/text-embedding-3-small', sa.key)).status,
    ).toBe(404);
  });

  it('does not keep bodies over 1 MiB, and says so', async () => {
    const big = await gw.call('POST', '/v1/embeddings', {
      body: { model: 'baai/bge-m3', input: 'word '.repeat(230_000) },
    });
    expect(big.status).toBe(200);
    const res = await replay(big.headers.get('x-request-id'), 'baai/bge-m3');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('1 MiB');
  });
});
