import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/index.js';
import { expectControl } from '../../control-checks.js';
import { expectChunks, expectContract, startGateway, type TestGateway } from '../../helpers.js';

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'anthropic/claude-sonnet-4.6',
  messages: [{ role: 'user', content }],
  ...extra,
});

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({
    timeScale: 1000,
    scenarios: [
      { name: 'file-rule', match: { endpoint: 'chat', prompt: 'from the file' }, reply: { content: 'F' } },
    ],
  });
});
afterAll(() => gw.close());
afterEach(() => gw.call('DELETE', '/_emulator/scenarios'));

const addRules = async (body: unknown) => {
  const res = await gw.call('POST', '/_emulator/scenarios', { body });
  return expectControl<{ data: { id: string }[] }>(res, 'POST', '/_emulator/scenarios');
};
const completion = async (body: unknown, key?: string, headers?: Record<string, string>) =>
  expectContract<{
    choices: { message: { content: string | null; tool_calls?: unknown[] }; finish_reason: string }[];
    usage: { prompt_tokens: number; completion_tokens: number };
  }>(await gw.call('POST', '/v1/chat/completions', { body, key, headers }), 'POST', '/v1/chat/completions');

describe('scenario rules answer matching requests', () => {
  it('content and usage for a prompt pattern; the first matching rule wins; others stay deterministic', async () => {
    await addRules({
      scenarios: [
        {
          name: 'refund',
          match: { endpoint: '/v1/chat/completions', prompt: '/refund/i' },
          reply: { content: '{"intent":"refund"}', usage: { prompt_tokens: 12, completion_tokens: 9 } },
        },
        {
          match: { endpoint: 'chat', prompt: 'refund' },
          reply: { content: 'never: the first rule matches first' },
        },
      ],
    });
    const scripted = await completion(chat('I want a REFUND now'));
    expect(scripted.choices[0]!.message.content).toBe('{"intent":"refund"}');
    expect(scripted.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 9 });
    const plain = await completion(chat('hello'));
    expect(plain.choices[0]!.message.content).toMatch(/^Emulated reply from anthropic\/claude-sonnet-4\.6/);
    // The journal says which rule answered, by id or name; charges follow the scripted usage.
    const [answered] = gw.requests.find({ scenario: 'refund' });
    expect(answered?.scenario).toMatch(/^scn_\d+$/);
    expect(gw.control.charges().find((c) => c.request_id === answered!.id)).toMatchObject({
      input_tokens: 12,
      output_tokens: 9,
    });
  });

  it('tool calls, streamed with the given chunking and pacing', async () => {
    await addRules({
      match: { endpoint: 'chat', model: 'anthropic/*' },
      reply: {
        tool_calls: [
          { name: 'lookup_order', arguments: { order_id: 42 } },
          { id: 'call_fixed', name: 'refund', arguments: '{"amount":10}' },
        ],
      },
    });
    const body = await completion(chat('anything'));
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          { type: 'function', function: { name: 'lookup_order', arguments: '{"order_id":42}' } },
          { id: 'call_fixed', function: { name: 'refund', arguments: '{"amount":10}' } },
        ],
      },
    });
    const res = await gw.call('POST', '/v1/chat/completions', { body: chat('x', { stream: true }) });
    const chunks = expectChunks(await res.text()) as {
      choices: {
        delta: { tool_calls?: { index: number; id?: string; function: { arguments: string } }[] };
      }[];
    }[];
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls.filter((c) => c.id).map((c) => c.index)).toEqual([0, 1]);
    expect(
      calls
        .filter((c) => c.index === 1)
        .map((c) => c.function.arguments)
        .join(''),
    ).toBe('{"amount":10}');
  });

  it('a stream cut into the given chunks, after the scripted latency', async () => {
    await addRules({
      match: { endpoint: 'chat' },
      reply: { stream: { chunks: ['Hel', 'lo, ', 'world'], chunk_delay_ms: 20 }, latency_ms: 150 },
    });
    const started = Date.now();
    const res = await gw.call('POST', '/v1/chat/completions', { body: chat('x', { stream: true }) });
    const chunks = expectChunks(await res.text()) as { choices: { delta: { content?: string } }[] }[];
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 + 2 * 20);
    expect(chunks.map((c) => c.choices[0]?.delta.content).filter((c) => c)).toEqual(['Hel', 'lo, ', 'world']);
    await addRules({ match: { endpoint: 'chat' }, reply: { content: 'abcdefg', stream: { chunk_size: 3 } } });
    await gw.call(
      'DELETE',
      `/_emulator/scenarios/${gw.control.scenarios().find((r) => r.reply.latency_ms)!.id}`,
    );
    const sized = await gw.call('POST', '/v1/chat/completions', { body: chat('x', { stream: true }) });
    const pieces = (expectChunks(await sized.text()) as { choices: { delta: { content?: string } }[] }[])
      .map((c) => c.choices[0]?.delta.content)
      .filter((c) => c);
    expect(pieces).toEqual(['abc', 'def', 'g']);
  });

  it('an error envelope with the contract status for its code, for the next `times` requests only', async () => {
    await addRules({
      match: { endpoint: '/v1/images/generations' },
      times: 2,
      reply: { error: { code: 'rate_limit_exceeded', message: 'Slow down.', retry_after: 2 } },
    });
    const image = { model: 'openai/gpt-image-1', prompt: 'a cat' };
    for (let i = 0; i < 2; i++) {
      const res = await gw.call('POST', '/v1/images/generations', { body: image });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      const body = await expectContract<{ error: Record<string, unknown> }>(
        res,
        'POST',
        '/v1/images/generations',
      );
      expect(body.error).toMatchObject({
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        message: 'Slow down.',
      });
    }
    expect((await gw.call('POST', '/v1/images/generations', { body: image })).status).toBe(200);
    const [rule] = (
      await expectControl<{ data: { hits: number; remaining: number }[] }>(
        await gw.call('GET', '/_emulator/scenarios'),
        'GET',
        '/_emulator/scenarios',
      )
    ).data.filter((r) => 'times' in r);
    expect(rule).toMatchObject({ hits: 2, remaining: 0 });
  });

  it('matches on key, sub-account, tag and model; a body replaces any operation’s answer', async () => {
    const sub = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'scoped' } })).json();
    await addRules({
      scenarios: [
        { match: { sub_account: sub.id }, reply: { content: 'sub only' } },
        { match: { tag: 'beta', model: 'openai/*' }, reply: { content: 'beta gpt' } },
        {
          match: { key: 'top_level', endpoint: '/v1/models' },
          reply: { body: { object: 'list', data: [] } },
        },
      ],
    });
    expect((await completion(chat('x'), sub.key)).choices[0]!.message.content).toBe('sub only');
    expect((await completion(chat('x'))).choices[0]!.message.content).not.toBe('sub only');
    const beta = await completion({ ...chat('x'), model: 'openai/gpt-5.4' }, undefined, {
      'x-aig-tag': 'beta',
    });
    expect(beta.choices[0]!.message.content).toBe('beta gpt');
    expect(await (await gw.call('GET', '/v1/models')).json()).toEqual({ object: 'list', data: [] });
    expect((await (await gw.call('GET', '/v1/models', { key: sub.key })).json()).data.length).toBeGreaterThan(
      5,
    );
  });

  it('a job outcome, duration and error; embeddings usage', async () => {
    // Time scale 1, so the job's 30 s are emulator seconds the test moves through.
    const slow = await startGateway({
      scenarios: [
        {
          match: { endpoint: 'video' },
          reply: {
            job: { outcome: 'failed', duration_s: 30, error: { code: 'content_policy', message: 'No.' } },
          },
        },
        { match: { endpoint: 'embedding' }, reply: { usage: { prompt_tokens: 777 } } },
      ],
    });
    try {
      const job = await (
        await slow.call('POST', '/v1/videos/generations', {
          body: { model: 'google/veo-3', prompt: 'a dog' },
        })
      ).json();
      await slow.control.advance(29);
      expect((await (await slow.call('GET', `/v1/jobs/${job.id}`)).json()).status).toBe('running');
      await slow.control.advance(2);
      const done = await expectContract(await slow.call('GET', `/v1/jobs/${job.id}`), 'GET', '/v1/jobs/{id}');
      expect(done).toMatchObject({ status: 'failed', error: { code: 'content_policy', message: 'No.' } });
      const emb = await (
        await slow.call('POST', '/v1/embeddings', {
          body: { model: 'openai/text-embedding-3-small', input: 'x' },
        })
      ).json();
      expect(emb.usage).toEqual({ prompt_tokens: 777, total_tokens: 777 });
    } finally {
      await slow.close();
    }
  });
});

describe('managing rules', () => {
  it('lists in match order with hits, removes one, resets to the file’s rules (DELETE and reset)', async () => {
    const added = await addRules({ name: 'a', reply: { latency_ms: 0 } });
    const listed = await expectControl<{ data: { id: string; source: string; name?: string }[] }>(
      await gw.call('GET', '/_emulator/scenarios'),
      'GET',
      '/_emulator/scenarios',
    );
    expect(listed.data.map((r) => [r.name, r.source])).toEqual([
      ['file-rule', 'file'],
      ['a', 'api'],
    ]);
    expect((await completion(chat('text from the file'))).choices[0]!.message.content).toBe('F');
    const removed = await gw.call('DELETE', `/_emulator/scenarios/${added.data[0]!.id}`);
    expect(await expectControl(removed, 'DELETE', '/_emulator/scenarios/{id}')).toEqual({ ok: true });
    expect((await gw.call('DELETE', `/_emulator/scenarios/${added.data[0]!.id}`)).status).toBe(404);
    await addRules({ reply: { content: 'z' } });
    const reset = await expectControl<{ data: { name: string; hits: number }[] }>(
      await gw.call('DELETE', '/_emulator/scenarios'),
      'DELETE',
      '/_emulator/scenarios',
    );
    expect(reset.data).toEqual([expect.objectContaining({ name: 'file-rule', hits: 0 })]);
    await addRules({ reply: { content: 'z' } });
    await gw.call('POST', '/_emulator/reset');
    expect(gw.control.scenarios().map((r) => r.name)).toEqual(['file-rule']);
    expect(gw.control.state()).toMatchObject({ scenarios: 1 });
  });

  it('bad rules are a 400 with one line per bad rule, and none is added', async () => {
    const res = await gw.call('POST', '/_emulator/scenarios', {
      body: {
        scenarios: [
          { match: { endpoint: 'chats' }, reply: { content: 'x' } },
          { reply: { content: 'fine' } },
          { reply: { error: { code: 'teapot' } } },
          { match: { prompt: '/(/' }, reply: {} },
          { reply: { contnet: 'typo' } },
        ],
      },
    });
    expect(res.status).toBe(400);
    const { error } = await expectControl<{ error: { message: string } }>(
      res,
      'POST',
      '/_emulator/scenarios',
    );
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^scenarios\[0\]\.match\.endpoint: must be a contract path .* or a modality \(chat, /,
    );
    expect(lines[1]).toMatch(
      /^scenarios\[2\]\.reply\.error: needs a status \(400-599\) for a code the contract does not define/,
    );
    expect(lines[2]).toMatch(/^scenarios\[3\]\.match\.prompt: is not a valid regular expression/);
    expect(lines[3]).toBe("scenarios[4].reply: unknown field 'contnet'.");
    expect(gw.control.scenarios()).toHaveLength(1);
  });

  it('the scenarios option is checked when the emulator is created', () => {
    expect(() => createEmulator({ scenarios: [{ reply: { finish_reason: 'done' } } as never] })).toThrow(
      /^scenarios\[0\]\.reply\.finish_reason: /,
    );
  });
});
