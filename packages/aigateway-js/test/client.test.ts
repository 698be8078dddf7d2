import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, APIConnectionError, AuthenticationError, ConfigurationError } from '../src/index.js';
import { type Harness, memoryLogger, startHarness } from './helpers/emulator.js';

const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('AIgateway client against the emulator', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  it('configuration mistakes throw before any request', () => {
    const before = gw.control.requests().length;
    expect(() => new AIgateway({ apiKey: '', baseURL: gw.baseURL })).toThrow(
      /pass `apiKey`.*AIGATEWAY_API_KEY/,
    );
    expect(() => new AIgateway({ apiKey: gw.apiKey, baseURL: `${gw.baseURL}/chat/completions` })).toThrow(
      /must end in \/v1/,
    );
    expect(() => new AIgateway({ apiKey: gw.apiKey, baseURL: 'localhost:8787' })).toThrow(ConfigurationError);
    expect(gw.control.requests().length).toBe(before);
  });

  it('withOptions returns an independent clone; the original keeps its options', async () => {
    const byok = { openai: 'sk-openai-byok-original-0001' };
    const base = gw.client({ tag: 'base', byok });
    const clone = base.withOptions({ tag: 'clone' });
    byok.openai = 'sk-mutated-after-construction';
    const [fromBase, fromClone] = await Promise.all([
      base.chat.completions.create({ model, messages }).withResponse(),
      clone.chat.completions.create({ model, messages }).withResponse(),
    ]);
    const record = (id: string | undefined) => gw.control.requests().find((r) => r.id === id);
    expect(record(fromBase.requestId)?.tag).toBe('base');
    expect(record(fromClone.requestId)?.tag).toBe('clone');
    const charges = gw.control.charges();
    expect(charges.find((c) => c.request_id === fromClone.requestId)?.byok).toBe(true);
  });

  it('per-request options never leak between concurrent requests', async () => {
    const root = gw.client();
    const [a, b] = await Promise.all([
      root.subAccounts.create({ name: 'customer-a' }),
      root.subAccounts.create({ name: 'customer-b' }),
    ]);
    const sent = new Map<string, Headers>();
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      sent.set(response.headers.get('x-request-id') ?? '', new Headers(init?.headers));
      return response;
    };
    const client = gw.client({ fetch, tag: 'default-tag' });
    const scopedA = client.withOptions({
      apiKey: a.key,
      tag: 'tag-a',
      byok: { openai: 'sk-byok-a-0000000001' },
    });
    type Expect = { tag: string; sub: string | null; byok: string | null; key: string };
    const calls: Promise<Expect & { requestId: string | undefined }>[] = [];
    const fire = (make: () => Promise<{ requestId: string | undefined }>, expected: Expect) =>
      calls.push(make().then(({ requestId }) => ({ ...expected, requestId })));
    for (let i = 0; i < 8; i++) {
      fire(() => scopedA.chat.completions.create({ model, messages }).withResponse(), {
        tag: 'tag-a',
        sub: a.id,
        byok: 'sk-byok-a-0000000001',
        key: a.key,
      });
      fire(
        () =>
          client.chat.completions
            .create(
              { model, messages },
              { apiKey: b.key, tag: `tag-b-${i}`, byok: { openai: `sk-byok-b-00000000${i}` } },
            )
            .withResponse(),
        { tag: `tag-b-${i}`, sub: b.id, byok: `sk-byok-b-00000000${i}`, key: b.key },
      );
      fire(() => client.chat.completions.create({ model, messages }).withResponse(), {
        tag: 'default-tag',
        sub: null,
        byok: null,
        key: gw.apiKey,
      });
    }
    const results = await Promise.all(calls);
    const records = new Map(gw.control.requests().map((r) => [r.id, r]));
    const charges = new Map(gw.control.charges().map((c) => [c.request_id, c]));
    for (const result of results) {
      const id = result.requestId ?? '';
      expect(records.get(id)).toMatchObject({ tag: result.tag, sub_account_id: result.sub, status: 200 });
      expect(charges.get(id)?.byok).toBe(result.byok !== null);
      const headers = sent.get(id);
      expect(headers?.get('authorization')).toBe(`Bearer ${result.key}`);
      expect(headers?.get('x-aig-tag')).toBe(result.tag);
      expect(headers?.get('x-byok-openai')).toBe(result.byok);
    }
    expect(results).toHaveLength(24);
  });

  it('a sub-account key scopes usage to that sub-account', async () => {
    const root = gw.client();
    const sub = await root.subAccounts.create({ name: 'scoped', default_tag: 'scoped-default' });
    const scoped = root.withOptions({ apiKey: sub.key });
    await scoped.chat.completions.create({ model, messages });
    const usage = await scoped.usage.byTag();
    expect(usage.total_requests).toBe(1);
    expect(usage.data.map((row) => row.tag)).toEqual(['scoped-default']);
  });

  it('never shows the key: not in inspect, JSON or String of the client, its errors or its logs', async () => {
    const key = gw.apiKey;
    const byokKey = 'sk-byok-secret-0123456789';
    const { lines, logger } = memoryLogger();
    const client = gw.client({ byok: { openai: byokKey }, logLevel: 'debug', logger });
    for (const text of [
      inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      String(client),
    ]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(byokKey);
    }
    await client.chat.completions.create({ model, messages });
    const wrongKey = 'sk-aig-wrong-0123456789abcdef';
    const auth = await client
      .withOptions({ apiKey: wrongKey })
      .models.list()
      .catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    const unreachable = new AIgateway({
      apiKey: key,
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
      logLevel: 'off',
    });
    const connection = await unreachable.models.list().catch((e: unknown) => e);
    expect(connection).toBeInstanceOf(APIConnectionError);
    for (const error of [auth, connection]) {
      for (const text of [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
      ]) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(wrongKey);
        expect(text).not.toContain(byokKey);
      }
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(key);
      expect(line).not.toContain(wrongKey);
      expect(line).not.toContain(byokKey);
    }
  });

  it('logs one line per attempt and response, with method, path, status, request id, attempt and duration', async () => {
    const { lines, logger } = memoryLogger();
    const client = gw.client({ logLevel: 'debug', logger, byok: { openai: 'sk-byok-log-0123456789' } });
    gw.control.addFault({ path: '/v1/embeddings', fault: 'status=429,retry-after=0', count: 1 });
    const { requestId } = await client.embeddings.create({ model: 'baai/bge-m3', input: 'x' }).withResponse();
    gw.control.clearFaults();
    expect(lines[0]).toMatch(/^\[aigateway\] → POST \/v1\/embeddings attempt=1 headers=/);
    expect(lines[0]).toContain('"authorization":"[redacted]"');
    expect(lines[0]).toContain('"x-byok-openai":"[redacted]"');
    expect(lines[1]).toMatch(/^\[aigateway\] ← POST \/v1\/embeddings 429 req_[0-9a-f]{24} attempt=1 \d+ ms$/);
    expect(lines[2]).toMatch(
      /^\[aigateway\] ↻ POST \/v1\/embeddings 429 \(rate limited.*\); retry 1\/2 in 0 ms$/,
    );
    expect(lines[3]).toMatch(/attempt=2/);
    expect(lines[4]).toBe(
      `[aigateway] ← POST /v1/embeddings 200 ${requestId} attempt=2 ${lines[4]?.split(' ').at(-2)} ms`,
    );
  });

  it('asResponse gives the raw response with its body unread; withResponse the parsed data too', async () => {
    const client = gw.client();
    const response = await client.models.list().asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()) as unknown).toMatchObject({ object: 'list' });
    const speech = await client.audio.speech
      .create({ model: 'deepgram/aura-2-en', input: 'hi', voice: 'asteria' })
      .withResponse();
    expect(speech.data).toBe(speech.response);
    expect(speech.requestId).toBe(speech.response.headers.get('x-request-id'));
  });

  it('low-level get/post reach endpoints through the same core', async () => {
    const list = await gw.client().get<{ object: string; data: unknown[] }>('/models');
    expect(list.object).toBe('list');
    await expect(gw.client().get('/no/such/endpoint')).rejects.toMatchObject({
      status: 404,
      code: 'unknown_path',
    });
  });

  it('logs nothing below the level, and nothing at all when off', async () => {
    const info = memoryLogger();
    await gw.client({ logLevel: 'info', logger: info.logger }).models.list();
    expect(info.lines).toHaveLength(1);
    expect(info.lines[0]).toMatch(/← GET \/v1\/models 200/);
    const off = memoryLogger();
    await gw.client({ logLevel: 'off', logger: off.logger }).models.list();
    expect(off.lines).toEqual([]);
  });
});
