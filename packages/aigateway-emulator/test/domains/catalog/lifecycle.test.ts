import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, sseData, startGateway, type TestGateway } from '../../helpers.js';

// The FAQ: "We prune models that labs deprecate upstream … pin to a full version tag (e.g.
// anthropic/claude-sonnet-4.6) instead of the floating name."
const old = 'anthropic/claude-sonnet-4.6';
const successor = 'anthropic/claude-opus-4.7';
const messages = [{ role: 'user', content: 'hi' }];

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const lifecycle = (body: Record<string, unknown>) => gw.call('POST', '/_emulator/models/lifecycle', { body });
const chat = (model: string, extra: Record<string, unknown> = {}) =>
  gw.call('POST', '/v1/chat/completions', { body: { model, messages, ...extra } });
const listed = async (id: string) => {
  const res = await gw.call('GET', '/v1/models');
  const list = await expectContract<{ data: Record<string, unknown>[] }>(res, 'GET', '/v1/models');
  return list.data.find((m) => m.id === id);
};
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

describe('the model lifecycle on the emulator clock', () => {
  it('the catalog announces claude-sonnet-4.5 as deprecated with its sunset and successor', async () => {
    expect(await listed('anthropic/claude-sonnet-4.5')).toMatchObject({
      deprecation_date: '2026-09-29',
      sunset_date: '2027-09-29',
      replacement: old,
    });
    expect(await listed(old)).toMatchObject({ deprecated: false, deprecation_date: null, sunset_date: null });
  });

  it('deprecated: Deprecation, Sunset and Link headers, deprecated in /v1/models, floating names move on; pruned: 404 naming the successor', async () => {
    const now = gw.control.now();
    const set = await lifecycle({ model: old, deprecated_at: now - 60, sunset_at: now + 3600, successor });
    expect(await set.json()).toMatchObject({ object: 'model.lifecycle', model: old, status: 'deprecated' });

    const headers = {
      deprecation: `@${now - 60}`,
      sunset: new Date((now + 3600) * 1000).toUTCString(),
      link: `</v1/models/${successor}>; rel="successor-version"`,
    };
    const pinned = await chat(old);
    expect(pinned.status).toBe(200);
    await expectContract(pinned, 'POST', '/v1/chat/completions');
    expect(Object.fromEntries(Object.keys(headers).map((h) => [h, pinned.headers.get(h)]))).toEqual(headers);
    expect((await pinned.json()).model).toBe(old);

    const streamed = await chat(old, { stream: true });
    expect(streamed.headers.get('deprecation')).toBe(headers.deprecation);
    expect(sseData(await streamed.text()).at(-1)).toBe('[DONE]');

    const retrieved = await gw.call('GET', `/v1/models/${old}`);
    expect(retrieved.headers.get('sunset')).toBe(headers.sunset);
    expect(await expectContract(retrieved, 'GET', '/v1/models/{model}')).toMatchObject({
      deprecated: true,
      deprecation_date: day(now - 60),
      sunset_date: day(now + 3600),
      replacement: successor,
    });
    expect(await listed(old)).toMatchObject({ deprecated: true, replacement: successor });
    expect(await listed('anthropic/claude-sonnet')).toMatchObject({ floating: true, resolves_to: successor });

    const floating = await chat('anthropic/claude-sonnet');
    expect((await floating.json()).model).toBe(successor);
    expect(floating.headers.get('deprecation')).toBeNull();
    expect((await chat(successor)).headers.get('deprecation')).toBeNull();

    // Past the sunset by the emulator clock, the model is pruned.
    await gw.control.advance(3600);
    const pruned = await chat(old);
    expect(pruned.status).toBe(404);
    const { error } = await expectContract<{ error: Record<string, unknown> }>(
      pruned,
      'POST',
      '/v1/chat/completions',
    );
    expect(error).toMatchObject({ code: 'model_not_found', param: 'model', suggestions: [successor] });
    expect(error.message).toContain(`'${successor}'`);
    expect(error.message).toContain(day(now + 3600));
    expect((await gw.call('GET', `/v1/models/${old}`)).status).toBe(404);
    expect(await listed(old)).toBeUndefined();
    expect((await (await chat('anthropic/claude-sonnet')).json()).model).toBe(successor);

    // deprecated_at null makes it current again.
    const restored = await lifecycle({ model: old, deprecated_at: null });
    expect(await restored.json()).toMatchObject({ status: 'current', deprecated_at: null });
    const again = await chat(old);
    expect(again.status).toBe(200);
    expect(again.headers.get('deprecation')).toBeNull();
    expect((await (await chat('anthropic/claude-sonnet')).json()).model).toBe(old);
  });

  it('a deprecation announced for later changes nothing until its date', async () => {
    const now = gw.control.now();
    await lifecycle({ model: 'openai/gpt-5.4', deprecated_at: new Date((now + 600) * 1000).toISOString() });
    expect(await listed('openai/gpt-5.4')).toMatchObject({
      deprecated: false,
      deprecation_date: day(now + 600),
    });
    expect((await chat('openai/gpt-5.4')).headers.get('deprecation')).toBeNull();
    await gw.control.advance(600);
    const res = await chat('openai/gpt-5.4');
    expect(res.headers.get('deprecation')).toBe(`@${now + 600}`);
    expect(res.headers.get('sunset')).toBeNull();
    await lifecycle({ model: 'openai/gpt-5.4', deprecated_at: null });
  });

  it('the control API says what to send when the input is wrong', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'openai/nope', deprecated_at: 0 }, 'model'],
      [{ model: 'anthropic/claude-sonnet', deprecated_at: 0 }, 'model'],
      [{ model: old, deprecated_at: 100, sunset_at: 50 }, 'sunset_at'],
      [{ model: old, deprecated_at: 'yesterday' }, 'deprecated_at'],
      [{ model: old, deprecated_at: 0, successor: 'x/y' }, 'successor'],
      [{ model: old }, 'deprecated_at'],
    ];
    for (const [body, param] of cases) {
      const res = await lifecycle(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.param).toBe(param);
    }
    const sub = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'no-control' } })).json();
    const forbidden = await gw.call('POST', '/_emulator/models/lifecycle', {
      key: sub.key,
      body: { model: old, deprecated_at: 0 },
    });
    expect(forbidden.status).toBe(403);
  });

  it('a lifecycle set by the control API is kept in the --state file and forgotten by reset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aig-lifecycle-'));
    const options = { stateFile: join(dir, 'state.json'), apiKey: 'sk-aig-lifecycle' };
    try {
      const first = await startGateway(options);
      first.control.setModelLifecycle({ model: old, deprecatedAt: first.control.now() - 1, successor });
      await first.close();
      const second = await startGateway(options);
      try {
        const res = await second.call('POST', '/v1/chat/completions', { body: { model: old, messages } });
        expect(res.headers.get('link')).toContain(successor);
        second.control.reset();
        const after = await second.call('POST', '/v1/chat/completions', { body: { model: old, messages } });
        expect(after.headers.get('deprecation')).toBeNull();
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
