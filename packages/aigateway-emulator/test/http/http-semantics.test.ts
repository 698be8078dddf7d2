import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/contract/operations.js';
import { expectContract, startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

/** A request with any method (fetch refuses TRACE), over loopback. */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(`${gw.origin}${path}`, { method, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const chat = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] };
// Bytes: fetch labels a string body text/plain, and adds no Content-Type to bytes.
const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

describe('wrong method: 405 with Allow', () => {
  it.each([
    ['GET', '/v1/chat/completions', 'POST'],
    ['DELETE', '/v1/models', 'GET, HEAD'],
    ['PUT', '/v1/sub-accounts/sa_x', 'GET, PATCH, DELETE, HEAD'],
    ['TRACE', '/v1/usage/by-tag', 'GET, HEAD'],
    ['PUT', '/mcp', 'GET, POST, DELETE, HEAD'],
    // A literal path wins over a template (OpenAPI path matching): signed-urls is not a file path.
    ['OPTIONS', '/v1/files/signed-urls', 'POST'],
    ['GET', '/v1/files/signed-urls', 'POST'],
  ])('%s %s', async (method, path, allow) => {
    const res = await raw(method, path, { authorization: `Bearer ${gw.apiKey}` });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    const body = JSON.parse(res.body);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'method_not_allowed' });
    expect(body.error.message).toContain(
      `this path takes ${allow.replace(', HEAD', '').replaceAll(', ', ' or ')}`,
    );
  });
});

describe('HEAD for every GET', () => {
  const sample = (path: string) =>
    path.replace('{model}', 'openai/gpt-5.4').replace('{path}', 'nothing/here').replace('{id}', 'x');
  it.each(operations.filter((op) => op.method === 'GET').map((op) => [op.path] as const))(
    '%s',
    async (path) => {
      const [get, head] = await Promise.all(
        ['GET', 'HEAD'].map((method) =>
          fetch(`${gw.origin}${sample(path)}`, {
            method,
            headers: { authorization: `Bearer ${gw.apiKey}`, accept: 'application/json, text/event-stream' },
          }),
        ),
      );
      await get!.body?.cancel();
      expect(head!.status).toBe(get!.status);
      expect(head!.headers.get('content-type')).toBe(get!.headers.get('content-type'));
      expect(await head!.text()).toBe('');
    },
  );
});

describe('401 carries the bearer challenge', () => {
  it('on /v1 and on /mcp, missing or invalid key', async () => {
    const missing = await gw.call('GET', '/v1/models', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="AIgateway"');
    await expectContract(missing, 'GET', '/v1/models');
    const invalid = await gw.call('POST', '/mcp', {
      key: 'sk-aig-nope',
      body: { jsonrpc: '2.0', id: 1, method: 'ping' },
    });
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get('www-authenticate')).toBe('Bearer realm="AIgateway", error="invalid_token"');
  });
});

describe('JSON bodies: application/json, curl -d’s form label or none; anything else 415', () => {
  it.each([['application/json'], ['application/x-www-form-urlencoded'], [undefined]])(
    '%s → 200',
    async (type) => {
      const res = await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.apiKey}`, ...(type ? { 'content-type': type } : {}) },
        body: bytes(chat),
      });
      expect(res.status).toBe(200);
    },
  );

  it.each([['application/xml'], ['text/plain'], ['multipart/form-data; boundary=x']])(
    '%s → 415',
    async (type) => {
      const res = await gw.call('POST', '/v1/chat/completions', {
        raw: bytes(chat),
        headers: { 'content-type': type },
      });
      expect(res.status).toBe(415);
      const body = await expectContract(res, 'POST', '/v1/chat/completions');
      expect(body.error).toMatchObject({ code: 'unsupported_media_type' });
    },
  );
});

describe('headers are checked as the contract states them, on every operation', () => {
  it('a 600-character x-byok-openai on a 3D request is 400 (limit 512), without echoing it', async () => {
    const key = 'k'.repeat(600);
    const res = await gw.call('POST', '/v1/3d/generations', {
      body: { model: 'stabilityai/stable-fast-3d', prompt: 'a teapot' },
      headers: { 'x-byok-openai': key },
    });
    expect(res.status).toBe(400);
    const body = await expectContract<{ error: { message: string } }>(res, 'POST', '/v1/3d/generations');
    expect(body.error).toMatchObject({ code: 'invalid_value', param: 'x-byok-openai' });
    expect(body.error.message).toContain('at most 512 characters');
    expect(JSON.stringify(body)).not.toContain(key);
  });

  it('a bad x-aig-tag on POST /mcp is a JSON-RPC 400 before any session opens', async () => {
    const res = await gw.call('POST', '/mcp', {
      body: {
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      },
      headers: { 'x-aig-tag': 'has spaces' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const body = await expectContract(res, 'POST', '/mcp');
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(JSON.stringify(body)).toContain('x-aig-tag');
  });
});

describe('multipart arrays as OpenAPI encodes them', () => {
  const transcribe = async (fields: [string, string][]) => {
    const form = new FormData();
    form.set('model', 'openai/whisper-large-v3-turbo');
    form.set('response_format', 'verbose_json');
    for (const [k, v] of fields) form.append(k, v);
    form.set('file', new Blob([new Uint8Array(64)], { type: 'audio/wav' }), 'a.wav');
    const res = await gw.call('POST', '/v1/audio/transcriptions', { raw: form });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('repeated fields, a single field and the [] suffix all make an array', async () => {
    const repeated = await transcribe([
      ['timestamp_granularities', 'word'],
      ['timestamp_granularities', 'segment'],
    ]);
    expect(repeated.words).toBeDefined();
    expect(repeated.segments).toBeDefined();
    const single = await transcribe([['timestamp_granularities', 'word']]);
    expect(single.words).toBeDefined();
    const suffixed = await transcribe([['timestamp_granularities[]', 'word']]);
    expect(suffixed.words).toBeDefined();
  });
});

describe('OpenAI-shape values the gateway does not offer are refused by the contract', () => {
  it.each([
    [
      '/v1/audio/speech',
      { model: 'deepgram/aura-2-en', input: 'hi', voice: 'thalia', response_format: 'flac' },
      'response_format',
    ],
    [
      '/v1/images/generations',
      { model: 'black-forest-labs/flux-1-schnell', prompt: 'x', output_format: 'jpeg' },
      'output_format',
    ],
  ])('%s', async (path, body, param) => {
    const res = await gw.call('POST', path, { body });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_value', param });
  });
});
