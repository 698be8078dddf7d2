import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorAt } from '../src/contract/validate.js';
import { expectChunks, expectContract, startGateway, type TestGateway } from './helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000, seed: 7 });
});
afterAll(() => gw.close());

const chatBody = {
  model: 'anthropic/claude-sonnet-4.6',
  messages: [{ role: 'user', content: 'Summarise Hamlet in one line.' }],
};

const jsonCases: [string, string, string, unknown, number][] = [
  ['chat', '/v1/chat/completions', '/v1/chat/completions', chatBody, 200],
  [
    'chat with tools',
    '/v1/chat/completions',
    '/v1/chat/completions',
    {
      ...chatBody,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    },
    200,
  ],
  ['embeddings float', '/v1/embeddings', '/v1/embeddings', { model: 'baai/bge-m3', input: ['a', 'b'] }, 200],
  [
    'embeddings base64',
    '/v1/embeddings',
    '/v1/embeddings',
    { model: 'openai/text-embedding-3-small', input: 'a', encoding_format: 'base64', dimensions: 256 },
    200,
  ],
  [
    'images url',
    '/v1/images/generations',
    '/v1/images/generations',
    { model: 'black-forest-labs/flux-1-schnell', prompt: 'a red fox', size: '64x64' },
    200,
  ],
  [
    'images b64',
    '/v1/images/generations',
    '/v1/images/generations',
    { model: 'openai/gpt-image-1', prompt: 'a red fox', size: '32x32', n: 2, response_format: 'b64_json' },
    200,
  ],
  ['moderations', '/v1/moderations', '/v1/moderations', { input: ['I will hurt you', 'hello'] }, 200],
  [
    'translations',
    '/v1/translations',
    '/v1/translations',
    { model: 'meta/m2m100-1.2b', input: 'Hello world', target_language: 'fr' },
    200,
  ],
  [
    'classifications',
    '/v1/classifications',
    '/v1/classifications',
    { model: 'huggingface/distilbert-sst-2', input: ['I love it', 'awful'] },
    200,
  ],
  [
    'ocr',
    '/v1/ocr',
    '/v1/ocr',
    { model: 'microsoft/trocr-base-printed', image: 'https://example.com/receipt.png' },
    200,
  ],
  [
    'detections',
    '/v1/detections',
    '/v1/detections',
    { model: 'facebook/detr-resnet-50', image: 'https://example.com/street.jpg', threshold: 0.1 },
    200,
  ],
  [
    'rerank',
    '/v1/rerank',
    '/v1/rerank',
    {
      model: 'baai/bge-reranker-base',
      query: 'cats',
      documents: ['dogs', 'cats purr'],
      return_documents: true,
    },
    200,
  ],
  [
    'video',
    '/v1/videos/generations',
    '/v1/videos/generations',
    { model: 'runwayml/gen-4', prompt: 'a sunset', duration: 2 },
    202,
  ],
  ['music', '/v1/audio/music', '/v1/audio/music', { model: 'suno/v5', prompt: 'lofi', duration: 5 }, 202],
  [
    '3d',
    '/v1/3d/generations',
    '/v1/3d/generations',
    { model: 'stabilityai/stable-fast-3d', prompt: 'a chair' },
    202,
  ],
  [
    'evals',
    '/v1/evals',
    '/v1/evals',
    {
      name: 'e',
      candidate_models: ['openai/gpt-5.4', 'moonshot/kimi-k2.6'],
      dataset: [{ input: 'hi', expected: 'hi' }],
      metric: 'contains',
    },
    201,
  ],
  [
    'sub-account',
    '/v1/sub-accounts',
    '/v1/sub-accounts',
    { name: 'customer-1', spend_cap_cents: 100, default_tag: 'c1' },
    201,
  ],
  [
    'signed url for a missing file',
    '/v1/files/signed-urls',
    '/v1/files/signed-urls',
    { path: 'jobs/job_nope/video.mp4' },
    404,
  ],
];

describe('responses conform to the contract', () => {
  it.each(jsonCases)('POST %s', async (_name, path, template, body, status) => {
    const res = await gw.call('POST', path, { body });
    expect(res.status).toBe(status);
    await expectContract(res, 'POST', template);
  });

  it('streams chunks that each validate as ChatCompletionChunk', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: { ...chatBody, stream: true, stream_options: { include_usage: true } },
    });
    await expectContract(res, 'POST', '/v1/chat/completions');
    const chunks = expectChunks(await res.text());
    expect(chunks.at(-1)?.usage).toBeTruthy();
  });

  it.each([
    ['mp3', 'audio/mpeg'],
    ['wav', 'audio/wav'],
    ['pcm', 'audio/pcm'],
  ])('speech as %s is %s', async (format, type) => {
    const res = await gw.call('POST', '/v1/audio/speech', {
      body: { model: 'deepgram/aura-2-en', input: 'hi there', voice: 'thalia', response_format: format },
    });
    expect(res.headers.get('content-type')).toBe(type);
    await expectContract(res, 'POST', '/v1/audio/speech');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it.each(['json', 'verbose_json', 'text'])('transcriptions as %s', async (format) => {
    const form = new FormData();
    form.set('model', 'openai/whisper-large-v3-turbo');
    form.set('response_format', format);
    form.set('file', new Blob([new Uint8Array(4000)]), 'audio.bin');
    const res = await gw.call('POST', '/v1/audio/transcriptions', { raw: form });
    expect(res.status).toBe(200);
    await expectContract(res, 'POST', '/v1/audio/transcriptions');
  });

  it('GET endpoints: models, a model (slash and %2F), usage, lists', async () => {
    for (const [path, template] of [
      ['/v1/models', '/v1/models'],
      ['/v1/models/anthropic/claude-sonnet-4.6', '/v1/models/{model}'],
      ['/v1/models/anthropic%2Fclaude-sonnet', '/v1/models/{model}'],
      ['/v1/usage/by-tag', '/v1/usage/by-tag'],
      ['/v1/sub-accounts?limit=5', '/v1/sub-accounts'],
      ['/v1/evals', '/v1/evals'],
    ] as const) {
      const res = await gw.call('GET', path);
      expect(res.status, path).toBe(200);
      await expectContract(res, 'GET', template);
    }
  });

  it('a job through completion: snapshot, result file and signed URL', async () => {
    const created = await (
      await gw.call('POST', '/v1/3d/generations', {
        body: { model: 'stabilityai/stable-fast-3d', prompt: 'a lamp' },
      })
    ).json();
    await gw.control.advance(60);
    const res = await gw.call('GET', `/v1/jobs/${created.id}`);
    const job = await expectContract<{ status: string; result_url: string }>(res, 'GET', '/v1/jobs/{id}');
    expect(job.status).toBe('completed');
    const file = await fetch(job.result_url);
    expect(file.status).toBe(200);
    await expectContract(file, 'GET', '/v1/files/{path}');
    const path = new URL(job.result_url).pathname.slice('/v1/files/'.length);
    const signed = await gw.call('POST', '/v1/files/signed-urls', { body: { path, expires_in: 60 } });
    expect(signed.status).toBe(200);
    await expectContract(signed, 'POST', '/v1/files/signed-urls');
    const bad = await fetch(`${gw.origin}/v1/files/${path}?expires=1&signature=${'0'.repeat(64)}`);
    expect(bad.status).toBe(403);
    await expectContract(bad, 'GET', '/v1/files/{path}');
  });

  it('sub-account retrieve, update, delete; eval retrieve; replay', async () => {
    const sa = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'x' } })).json();
    await expectContract(await gw.call('GET', `/v1/sub-accounts/${sa.id}`), 'GET', '/v1/sub-accounts/{id}');
    await expectContract(
      await gw.call('PATCH', `/v1/sub-accounts/${sa.id}`, {
        body: { rate_limit_rpm: 10, default_tag: null },
      }),
      'PATCH',
      '/v1/sub-accounts/{id}',
    );
    await expectContract(
      await gw.call('DELETE', `/v1/sub-accounts/${sa.id}`),
      'DELETE',
      '/v1/sub-accounts/{id}',
    );
    const run = await (
      await gw.call('POST', '/v1/evals', {
        body: {
          name: 'e',
          candidate_models: ['openai/gpt-5.4', 'openai/gpt-5.4-mini'],
          dataset: [{ input: 'hi' }],
          metric: 'cost',
        },
      })
    ).json();
    await gw.control.advance(60);
    const done = await expectContract<{ status: string }>(
      await gw.call('GET', `/v1/evals/${run.id}`),
      'GET',
      '/v1/evals/{id}',
    );
    expect(done.status).toBe('completed');
    const source = await gw.call('POST', '/v1/chat/completions', { body: chatBody });
    const replay = await gw.call('POST', '/v1/replays', {
      body: { source_request_id: source.headers.get('x-request-id'), target_model: 'openai/gpt-5.4' },
    });
    expect(replay.status).toBe(201);
    await expectContract(replay, 'POST', '/v1/replays');
  });
});

describe('error responses conform to the contract', () => {
  const errorCases: [string, string, string, string, Parameters<TestGateway['call']>[2], number, string][] = [
    [
      'invalid_json',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { raw: '{"model":', headers: { 'content-type': 'application/json' } },
      400,
      'invalid_json',
    ],
    [
      'missing_field',
      'POST',
      '/v1/embeddings',
      '/v1/embeddings',
      { body: { model: 'baai/bge-m3' } },
      400,
      'missing_field',
    ],
    [
      'invalid_type',
      'POST',
      '/v1/rerank',
      '/v1/rerank',
      { body: { model: 'baai/bge-reranker-base', query: 1, documents: ['a'] } },
      400,
      'invalid_type',
    ],
    [
      'invalid_value',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { body: { ...chatBody, temperature: 9 } },
      400,
      'invalid_value',
    ],
    [
      'wrong_endpoint',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { body: { ...chatBody, model: 'black-forest-labs/flux-1-schnell' } },
      400,
      'wrong_endpoint',
    ],
    [
      'unsupported_media_type',
      'POST',
      '/v1/audio/transcriptions',
      '/v1/audio/transcriptions',
      { body: { model: 'openai/whisper-large-v3-turbo' } },
      415,
      'unsupported_media_type',
    ],
    ['missing_api_key', 'GET', '/v1/models', '/v1/models', { key: null }, 401, 'missing_api_key'],
    [
      'invalid_api_key',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { key: 'sk-aig-wrong', body: chatBody },
      401,
      'invalid_api_key',
    ],
    [
      'model_not_found',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { body: { ...chatBody, model: 'gpt-5.4' } },
      404,
      'model_not_found',
    ],
    [
      'model_not_found (retrieve)',
      'GET',
      '/v1/models/nobody/nothing',
      '/v1/models/{model}',
      {},
      404,
      'model_not_found',
    ],
    ['not_found job', 'GET', '/v1/jobs/job_doesnotexist', '/v1/jobs/{id}', {}, 404, 'not_found'],
    ['not_found eval', 'GET', '/v1/evals/eval_nope', '/v1/evals/{id}', {}, 404, 'not_found'],
    [
      'not_found replay source',
      'POST',
      '/v1/replays',
      '/v1/replays',
      { body: { source_request_id: 'req_000000000000000000000000', target_model: 'openai/gpt-5.4' } },
      404,
      'not_found',
    ],
    [
      'fault 429',
      'POST',
      '/v1/embeddings',
      '/v1/embeddings',
      { body: { model: 'baai/bge-m3', input: 'a' }, headers: { 'x-aig-fault': 'status=429,retry-after=3' } },
      429,
      'rate_limit_exceeded',
    ],
    [
      'fault 500',
      'GET',
      '/v1/models',
      '/v1/models',
      { headers: { 'x-aig-fault': 'status=500' } },
      500,
      'internal_error',
    ],
    [
      'fault 502',
      'POST',
      '/v1/chat/completions',
      '/v1/chat/completions',
      { body: chatBody, headers: { 'x-aig-fault': 'status=502' } },
      502,
      'provider_error',
    ],
  ];

  it.each(errorCases)('%s', async (_name, method, path, template, init, status, code) => {
    const res = await gw.call(method, path, init);
    expect(res.status).toBe(status);
    const body = await expectContract<{ error: { code: string; message: string } }>(res, method, template);
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('402, 403, 409, 413, 422 and 429 from their real causes', async () => {
    const sa = await (
      await gw.call('POST', '/v1/sub-accounts', {
        body: { name: 'capped', spend_cap_cents: 0, rate_limit_rpm: 2 },
      })
    ).json();
    const capped = await gw.call('POST', '/v1/chat/completions', { key: sa.key, body: chatBody });
    expect(capped.status).toBe(402);
    await expectContract(capped, 'POST', '/v1/chat/completions');
    const forbidden = await gw.call('GET', '/v1/sub-accounts', { key: sa.key });
    expect(forbidden.status).toBe(403);
    await expectContract(forbidden, 'GET', '/v1/sub-accounts');
    const limited = await gw.call('GET', '/v1/models', { key: sa.key });
    expect(limited.status).toBe(429);
    await expectContract(limited, 'GET', '/v1/models');

    const key = { 'idempotency-key': 'contract-1' };
    const first = gw.call('POST', '/v1/chat/completions', {
      body: chatBody,
      headers: { ...key, 'x-aig-fault': 'latency=300' },
    });
    await new Promise((r) => setTimeout(r, 100));
    const conflict = await gw.call('POST', '/v1/chat/completions', { body: chatBody, headers: key });
    expect(conflict.status).toBe(409);
    await expectContract(conflict, 'POST', '/v1/chat/completions');
    expect((await first).status).toBe(200);
    const reused = await gw.call('POST', '/v1/chat/completions', {
      body: { ...chatBody, temperature: 1 },
      headers: key,
    });
    expect(reused.status).toBe(422);
    await expectContract(reused, 'POST', '/v1/chat/completions');

    const small = await startGateway({ maxBodyBytes: 1024 });
    try {
      const tooLarge = await small.call('POST', '/v1/embeddings', {
        body: { model: 'baai/bge-m3', input: 'x'.repeat(5000) },
      });
      expect(tooLarge.status).toBe(413);
      await expectContract(tooLarge, 'POST', '/v1/embeddings');
    } finally {
      await small.close();
    }
  });

  it('unknown paths get the not-found envelope', async () => {
    const validate = validatorAt('#/components/schemas/NotFoundErrorEnvelope');
    for (const path of ['/v1/chat', '/chat/completions', '/v1/v1/models', '/']) {
      const res = await gw.call('POST', path, { body: {} });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      const body = await res.json();
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.error.code).toBe('unknown_path');
      expect(body.error.message).toContain('/v1');
    }
  });
});
