import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFault } from '../../../src/domains/control/faults.js';
import { ApiError } from '../../../src/http/errors.js';
import { sseData, startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000, seed: 42 });
});
afterAll(() => gw.close());
beforeEach(() => gw.control.clearFaults());

const chat = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'one two three four five' }] };

describe('x-aig-fault directives', () => {
  it('parses the directive syntax and rejects unknown directives with the valid list', () => {
    expect(parseFault('status=429, retry-after=2,latency=300')).toEqual({
      status: 429,
      retryAfter: 2,
      latencyMs: 300,
    });
    expect(parseFault('drop=after,job=fail,stream-cut=3,stream-stall=1,stream-error=2')).toEqual({
      drop: 'after',
      jobFail: true,
      streamCut: 3,
      streamStall: 1,
      streamError: 2,
    });
    const e = (() => {
      try {
        parseFault('status=418');
      } catch (err) {
        return err as ApiError;
      }
    })();
    expect(e).toBeInstanceOf(ApiError);
    expect(e?.message).toContain('status=429|500|502');
    expect(e?.message).toContain('stream-error=<n>');
    expect(() => parseFault('stream-error=-1')).toThrow(/non-negative number/);
  });

  it('answers 429 with Retry-After, 502 naming the provider, 500', async () => {
    const limited = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'status=429,retry-after=2' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await limited.json()).error.retry_after).toBe(2);
    const upstream = await gw.call('POST', '/v1/chat/completions', {
      body: chat,
      headers: { 'x-aig-fault': 'status=502' },
    });
    expect((await upstream.json()).error).toMatchObject({ type: 'provider_error', provider: 'openai' });
    expect((await gw.call('GET', '/v1/models', { headers: { 'x-aig-fault': 'status=500' } })).status).toBe(
      500,
    );
  });

  it('an injected failure is not charged', async () => {
    const before = gw.control.charges().length;
    await gw.call('POST', '/v1/chat/completions', { body: chat, headers: { 'x-aig-fault': 'status=502' } });
    expect(gw.control.charges()).toHaveLength(before);
  });

  it('adds latency before processing: a later request without it answers first', async () => {
    const order: string[] = [];
    const slow = gw
      .call('POST', '/v1/chat/completions', { body: chat, headers: { 'x-aig-fault': 'latency=300' } })
      .then((r) => order.push(`slow ${r.status}`));
    await gw.call('POST', '/v1/chat/completions', { body: chat }).then((r) => order.push(`fast ${r.status}`));
    await slow;
    expect(order).toEqual(['fast 200', 'slow 200']);
  });

  it('drop=before closes the connection without processing', async () => {
    const jobsBefore = gw.control.jobs().length;
    const err = await gw
      .call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'x' },
        headers: { 'x-aig-fault': 'drop=before' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(gw.control.jobs()).toHaveLength(jobsBefore);
  });

  it('drop=after processes the request (job created) and then closes the connection', async () => {
    const jobsBefore = gw.control.jobs().length;
    const err = await gw
      .call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'x' },
        headers: { 'x-aig-fault': 'drop=after' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(gw.control.jobs()).toHaveLength(jobsBefore + 1);
  });

  it('stream-cut ends the body abruptly after N chunks, without [DONE]', async () => {
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: { ...chat, stream: true },
      headers: { 'x-aig-fault': 'stream-cut=2' },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const err = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(sseData(text)).toHaveLength(2);
    expect(text).not.toContain('[DONE]');
  });

  it('stream-cut surfaces as an error in the openai SDK', async () => {
    const openai = new OpenAI({
      baseURL: gw.url,
      apiKey: gw.apiKey,
      maxRetries: 0,
      defaultHeaders: { 'x-aig-fault': 'stream-cut=3' },
    });
    const stream = await openai.chat.completions.create({
      ...(chat as OpenAI.ChatCompletionCreateParamsNonStreaming),
      stream: true,
    });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const chunk of stream) seen.push(chunk.id);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(seen).toHaveLength(3);
  });

  it('stream-stall sends N chunks then nothing, not even keep-alives, until the client leaves', async () => {
    const stalling = await startGateway({ keepaliveMs: 20 });
    try {
      const controller = new AbortController();
      const res = await stalling.call('POST', '/v1/chat/completions', {
        body: { ...chat, stream: true },
        headers: { 'x-aig-fault': 'stream-stall=1' },
      });
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(sseData(first)).toHaveLength(1);
      const next = await Promise.race([
        reader.read().then(() => 'data'),
        new Promise((r) => setTimeout(() => r('silence'), 150)),
      ]);
      expect(next).toBe('silence');
      controller.abort();
      await reader.cancel();
    } finally {
      await stalling.close();
    }
  });

  it('streams send keep-alive comments while waiting for the first token', async () => {
    const slow = await startGateway({ keepaliveMs: 20 });
    try {
      const res = await slow.call('POST', '/v1/chat/completions', {
        body: { ...chat, stream: true },
        headers: { 'x-aig-fault': 'latency=120' },
      });
      const text = await res.text();
      // indexOf is -1 without keep-alives, which is less than anything: check they are there first.
      expect(text).toContain(': keep-alive');
      expect(text.indexOf(': keep-alive')).toBeLessThan(text.indexOf('data: '));
      expect(sseData(text).at(-1)).toBe('[DONE]');
    } finally {
      await slow.close();
    }
  });

  it('job=fail makes the created job end failed, uncharged', async () => {
    const job = await (
      await gw.call('POST', '/v1/3d/generations', {
        body: { model: 'stabilityai/stable-fast-3d', prompt: 'x' },
        headers: { 'x-aig-fault': 'job=fail' },
      })
    ).json();
    await gw.control.advance(20);
    const done = await (await gw.call('GET', `/v1/jobs/${job.id}`)).json();
    expect(done).toMatchObject({
      status: 'failed',
      cost_cents: 0,
      result_url: null,
      error: { code: 'provider_error' },
    });
  });
});

describe('fault rules (control API)', () => {
  it('applies a rule to matching requests, `count` times', async () => {
    const res = await gw.call('POST', '/_emulator/faults', {
      body: { path: '/v1/embeddings', method: 'post', fault: 'status=502', count: 2 },
    });
    expect(res.status).toBe(201);
    const body = { model: 'baai/bge-m3', input: 'x' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gw.call('POST', '/v1/embeddings', { body })).status);
    expect(statuses).toEqual([502, 502, 200]);
    expect((await gw.call('GET', '/v1/models')).status).toBe(200);
  });

  it('makes the SDK retry through a transient failure', async () => {
    gw.control.addFault({ path: '/v1/chat/completions', fault: 'status=429,retry-after=0', count: 1 });
    const openai = new OpenAI({ baseURL: gw.url, apiKey: gw.apiKey, maxRetries: 2 });
    const res = await openai.chat.completions.create(chat as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(res.choices[0]?.message.content).toContain('one two three');
  });

  it('applies probabilistic rules deterministically for a seed', async () => {
    const run = async () => {
      const seeded = await startGateway({ seed: 9 });
      try {
        seeded.control.addFault({ path: '/v1/models', fault: 'status=500', probability: 0.5 });
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await seeded.call('GET', '/v1/models')).status);
        return out;
      } finally {
        await seeded.close();
      }
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('rejects bad rules and lists and clears them', async () => {
    expect(
      (await gw.call('POST', '/_emulator/faults', { body: { path: '/v1', fault: 'explode' } })).status,
    ).toBe(400);
    expect(
      (
        await gw.call('POST', '/_emulator/faults', {
          body: { path: '/v1', fault: 'latency=1', probability: 2 },
        })
      ).status,
    ).toBe(400);
    await gw.call('POST', '/_emulator/faults', {
      body: {
        rules: [
          { path: '/v1/a', fault: 'latency=1' },
          { path: '/v1/b', fault: 'latency=1' },
        ],
      },
    });
    expect((await (await gw.call('GET', '/_emulator/faults')).json()).data).toHaveLength(2);
    await gw.call('DELETE', '/_emulator/faults');
    expect(gw.control.faults()).toHaveLength(0);
  });
});
