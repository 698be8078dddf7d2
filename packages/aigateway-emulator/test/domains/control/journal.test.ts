import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestExpectationError, type RequestRecord } from '../../../src/index.js';
import { expectControl } from '../../control-checks.js';
import { startGateway, type TestGateway } from '../../helpers.js';

type Listed = { object: 'list'; data: RequestRecord[] };

const chat = (model: string, content: string) => ({ model, messages: [{ role: 'user', content }] });

let gw: TestGateway;
let sub: { id: string; key: string };
let t0: number;
beforeAll(async () => {
  gw = await startGateway();
  sub = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'journal' } })).json();
  t0 = gw.control.now();
  await gw.call('POST', '/v1/chat/completions', {
    body: chat('anthropic/claude-sonnet-4.6', 'Please refund order 42'),
    headers: { 'x-aig-tag': 'support', 'x-byok-anthropic': 'sk-ant-secret-value', 'x-trace': 'abc' },
  });
  await gw.call('POST', '/v1/chat/completions', {
    key: sub.key,
    body: chat('openai/gpt-5.4', 'Summarise this'),
    headers: { 'x-aig-tag': 'summarize' },
  });
  await gw.call('POST', '/v1/embeddings', { body: { model: 'openai/text-embedding-3-small', input: 'hi' } });
  await gw.call('POST', '/v1/chat/completions', { body: chat('nobody/none', 'x') });
  await gw.call('GET', '/v1/models?limit=2');
});
afterAll(() => gw.close());

const journal = async (query = '') => {
  const res = await gw.call('GET', `/_emulator/requests${query}`);
  return expectControl<Listed>(res, 'GET', '/_emulator/requests');
};

describe('GET /_emulator/requests filters', () => {
  it('by method, path, endpoint, model, tag, key, sub-account, status and time', async () => {
    const paths = async (q: string) =>
      (await journal(q)).data.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(await paths('?method=get')).toEqual(['GET /v1/models 200']);
    expect((await journal('?path=/v1/*')).data).toHaveLength(6);
    expect((await journal('?endpoint=chat')).data).toHaveLength(3);
    expect((await journal('?endpoint=/v1/embeddings')).data).toHaveLength(1);
    expect((await journal('?endpoint=/v1/sub-accounts')).data).toHaveLength(1);
    expect((await journal('?model=anthropic/*')).data.map((r) => r.model)).toEqual([
      'anthropic/claude-sonnet-4.6',
    ]);
    expect((await journal('?tag=summarize')).data.map((r) => r.sub_account_id)).toEqual([sub.id]);
    expect((await journal('?key=sub_account')).data).toHaveLength(1);
    expect((await journal(`?sub_account=${sub.id}`)).data).toHaveLength(1);
    expect(await paths('?status=4xx')).toEqual(['POST /v1/chat/completions 404']);
    expect((await journal('?status=201')).data.map((r) => r.path)).toEqual(['/v1/sub-accounts']);
    expect((await journal(`?since=${t0 - 5}&until=${gw.control.now() + 5}`)).data).toHaveLength(6);
    expect((await journal(`?since=${gw.control.now() + 60}`)).data).toEqual([]);
  });

  it('by prompt (substring or /regex/flags), x-aig-* and other headers, newest `limit`', async () => {
    expect((await journal('?prompt=refund')).data).toHaveLength(1);
    expect((await journal(`?prompt=${encodeURIComponent('/^summarise/i')}`)).data[0]?.tag).toBe('summarize');
    expect((await journal('?header[x-aig-tag]=support')).data).toHaveLength(1);
    expect((await journal('?header[x-trace]=*&endpoint=chat')).data).toHaveLength(1);
    // A redacted header matches only `*`: its value cannot be probed.
    expect((await journal('?header[x-byok-anthropic]=sk-ant-secret-value')).data).toEqual([]);
    expect((await journal('?header[x-byok-anthropic]=*')).data).toHaveLength(1);
    const newest = await journal('?limit=2');
    expect(newest.data.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/models']);
    const count = await gw.call('GET', '/_emulator/requests/count?endpoint=chat');
    expect(await expectControl(count, 'GET', '/_emulator/requests/count')).toEqual({ count: 3 });
  });

  it('a bad filter is a 400 that names it and what to send', async () => {
    for (const [query, message] of [
      ['?colour=red', /Unknown journal filter 'colour': use method, path/],
      ['?status=2x', /status must be a status code \(201\) or a class \(4xx\)/],
      ['?since=yesterday', /since must be emulator time in Unix seconds/],
      ['?key=admin', /key must be top_level, sub_account or none/],
      ['?prompt=/(/', /prompt '\/\(\/' is not a valid regular expression/],
      ['?limit=0', /limit must be a positive integer/],
    ] as const) {
      const res = await gw.call('GET', `/_emulator/requests${query}`);
      expect(res.status, query).toBe(400);
      const body = await expectControl<{ error: { message: string } }>(res, 'GET', '/_emulator/requests');
      expect(body.error.message).toMatch(message);
      expect(body.error.message.split('\n')).toHaveLength(1);
    }
  });
});

describe('journaled requests', () => {
  it('record query, headers with secrets redacted, the body and its size', async () => {
    const [first] = (await journal('?tag=support')).data;
    expect(first).toMatchObject({
      endpoint: '/v1/chat/completions',
      query: null,
      body: chat('anthropic/claude-sonnet-4.6', 'Please refund order 42'),
      scenario: null,
    });
    expect(first!.body_bytes).toBe(
      JSON.stringify(chat('anthropic/claude-sonnet-4.6', 'Please refund order 42')).length,
    );
    expect(first!.headers).toMatchObject({
      authorization: '[redacted]',
      'x-byok-anthropic': '[redacted]',
      'x-aig-tag': 'support',
      'x-trace': 'abc',
      'content-type': 'application/json',
    });
    const [models] = (await journal('?method=GET')).data;
    expect(models).toMatchObject({ query: 'limit=2', endpoint: '/v1/models', body: null, body_bytes: 0 });
  });

  it('never holds a key: not the top-level key, a sub-account key, a BYOK key, or a key in any header', async () => {
    await gw.call('GET', '/v1/models', { headers: { 'x-forwarded-key': `Bearer ${sub.key}` } });
    const text = await (await gw.call('GET', '/_emulator/requests')).text();
    for (const secret of [gw.apiKey, sub.key, 'sk-ant-secret-value']) expect(text).not.toContain(secret);
    expect((await journal('?header[x-forwarded-key]=*')).data[0]?.headers['x-forwarded-key']).toBe(
      '[redacted]',
    );
  });

  it('GET /_emulator/requests/{id} returns one; an unknown id is a 404 that says which id to use', async () => {
    const [record] = (await journal('?method=GET&limit=1')).data;
    const res = await gw.call('GET', `/_emulator/requests/${record!.id}`);
    expect((await expectControl<RequestRecord>(res, 'GET', '/_emulator/requests/{id}')).id).toBe(record!.id);
    const missing = await gw.call('GET', '/_emulator/requests/req_000000000000000000000000');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/X-Request-Id of a request this emulator answered/);
  });

  it('near misses: the closest requests, with the filters each failed and what it had', async () => {
    const res = await gw.call(
      'GET',
      '/_emulator/requests/near-misses?endpoint=chat&model=openai/gpt-5.4&tag=support',
    );
    const near = await expectControl<{ data: { matched: number; mismatches: unknown[] }[] }>(
      res,
      'GET',
      '/_emulator/requests/near-misses',
    );
    expect(near.data).toHaveLength(3);
    expect(near.data[0]!.matched).toBe(2);
    const mismatches = near.data.slice(0, 2).flatMap((n) => n.mismatches);
    expect(mismatches).toContainEqual({ filter: 'tag', expected: 'support', actual: 'summarize' });
    expect(mismatches).toContainEqual({
      filter: 'model',
      expected: 'openai/gpt-5.4',
      actual: 'anthropic/claude-sonnet-4.6',
    });
    const none = await gw.call('GET', '/_emulator/requests/near-misses?tag=support');
    expect((await none.json()).data).toEqual([]);
  });
});

describe('the programmatic journal (emulator.requests)', () => {
  it('find and count take the same filters, with RegExp prompts and header names in any case', () => {
    expect(gw.requests.find({ endpoint: 'chat', prompt: /REFUND/i }).map((r) => r.tag)).toEqual(['support']);
    expect(gw.requests.count({ headers: { 'X-AIG-TAG': '*' } })).toBe(2);
    expect(gw.requests.count({ status: 404 })).toBe(1);
    expect(gw.requests.count({ subAccount: sub.id, key: 'sub_account' })).toBe(1);
    expect(() => gw.requests.find({ status: 'teapot' })).toThrow(/status must be a status code/);
  });

  it('expect returns the matches, or throws with the nearest non-matching requests', () => {
    expect(gw.requests.expect({ model: 'openai/*', tag: 'summarize' })).toHaveLength(1);
    expect(gw.requests.expect({ endpoint: 'chat' }, { count: 3 })).toHaveLength(3);
    let error: unknown;
    try {
      gw.requests.expect({ endpoint: 'chat', model: 'openai/gpt-5.4', tag: 'support' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestExpectationError);
    const { message, nearMisses } = error as RequestExpectationError;
    expect(message).toMatch(
      /^Expected at least 1 request matching .*; found 0 of \d+ journaled\.\nNearest requests:\n/,
    );
    expect(message).toContain('tag: expected support, got summarize');
    expect(message).toContain('POST /v1/chat/completions → 200');
    expect(nearMisses[0]!.matched).toBe(2);
    expect(() => gw.requests.expect({ endpoint: 'chat' }, { count: 1 })).toThrow(
      /Expected 1 request .* found 3/,
    );
  });
});

describe('DELETE /_emulator/requests', () => {
  it('clears the journal and nothing else', async () => {
    const before = gw.control.state();
    const res = await gw.call('DELETE', '/_emulator/requests');
    expect(await expectControl(res, 'DELETE', '/_emulator/requests')).toEqual({ object: 'list', data: [] });
    expect(gw.requests.count()).toBe(0);
    expect(gw.control.state()).toMatchObject({ sub_accounts: before.sub_accounts, charges: before.charges });
    expect(() => gw.requests.expect({ method: 'POST' })).toThrow(/journal is empty/);
  });
});

describe('the journal is bounded', () => {
  it('keeps the last maxStoredRequests, and bodies within maxJournalBodyBytes (older ones lose theirs)', async () => {
    const small = await startGateway({ maxStoredRequests: 4, maxJournalBodyBytes: 1200 });
    try {
      for (let i = 0; i < 6; i++) {
        await small.call('POST', '/v1/chat/completions', {
          body: chat('openai/gpt-5.4', `${i} ${'x'.repeat(300)}`),
        });
      }
      const kept = small.requests.find();
      expect(
        kept.map(
          (r) => (r.body as { messages: { content: string }[] } | null)?.messages[0]?.content[0] ?? null,
        ),
      ).toEqual([null, '3', '4', '5']);
      expect(kept.every((r) => r.body_bytes > 300)).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('100 chat calls of 1 MB keep at most 32 MiB of bodies by default', async () => {
    const big = await startGateway();
    try {
      const content = 'y'.repeat(1024 * 1024 - 100);
      for (let i = 0; i < 100; i++) {
        const res = await big.call('POST', '/v1/chat/completions', { body: chat('openai/gpt-5.4', content) });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      const kept = big.requests.find();
      expect(kept).toHaveLength(100);
      const held = kept.filter((r) => r.body !== null).reduce((s, r) => s + r.body_bytes, 0);
      expect(held).toBeLessThanOrEqual(32 * 1024 * 1024);
      expect(held).toBeGreaterThan(30 * 1024 * 1024);
    } finally {
      await big.close();
    }
  });
});
