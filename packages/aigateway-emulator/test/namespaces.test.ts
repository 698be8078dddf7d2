import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectControl } from './control-checks.js';
import { startGateway, type TestGateway } from './helpers.js';

// Parallel test files share one emulator, each with its own namespace header.
const NS = 'x-aig-emulator-namespace';
const chat = (content: string) => ({ model: 'openai/gpt-5.4', messages: [{ role: 'user', content }] });

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe('namespaces', () => {
  it('keep journals, scenarios, usage and sub-accounts apart; the default namespace sees none of it', async () => {
    const a = { [NS]: 'file-a.test' };
    const b = { [NS]: 'file-b.test' };
    await gw.call('POST', '/_emulator/scenarios', {
      headers: a,
      body: { match: { endpoint: 'chat' }, reply: { content: 'A' } },
    });
    const inA = await (await gw.call('POST', '/v1/chat/completions', { headers: a, body: chat('x') })).json();
    const inB = await (await gw.call('POST', '/v1/chat/completions', { headers: b, body: chat('x') })).json();
    expect(inA.choices[0].message.content).toBe('A');
    expect(inB.choices[0].message.content).toMatch(/^Emulated reply/);
    const sub = await (
      await gw.call('POST', '/v1/sub-accounts', { headers: b, body: { name: 'only-b' } })
    ).json();
    // A namespace's sub-account key is unknown elsewhere.
    expect((await gw.call('GET', '/v1/models', { key: sub.key, headers: a })).status).toBe(401);
    expect((await gw.call('GET', '/v1/models', { key: sub.key, headers: b })).status).toBe(200);

    const journal = async (headers: Record<string, string>) =>
      (await (await gw.call('GET', '/_emulator/requests', { headers })).json()).data.map(
        (r: { path: string }) => r.path,
      );
    expect(await journal(a)).toEqual(['/v1/chat/completions', '/v1/models']);
    expect(await journal(b)).toEqual(['/v1/chat/completions', '/v1/sub-accounts', '/v1/models']);
    expect(await journal({})).toEqual([]);
    const state = async (headers: Record<string, string>) =>
      (await (await gw.call('GET', '/_emulator/state', { headers })).json()) as {
        charges: number;
        scenarios: number;
      };
    expect(await state(a)).toMatchObject({ charges: 1, scenarios: 1 });
    expect(await state({})).toMatchObject({ charges: 0, scenarios: 0 });

    // Programmatically, the same namespaces.
    expect(gw.namespace('file-a.test').requests.count({ endpoint: 'chat' })).toBe(1);
    expect(gw.namespace('file-b.test').control.state()).toMatchObject({ sub_accounts: 1 });
    expect(gw.requests.count()).toBe(0);
  });

  it('are listed and dropped with /_emulator/namespaces; a bad name is a 400 saying what to send', async () => {
    await gw.call('GET', '/v1/models', { headers: { [NS]: 'to-drop' } });
    const listed = await expectControl<{ data: { name: string; requests: number; created_at: number }[] }>(
      await gw.call('GET', '/_emulator/namespaces'),
      'GET',
      '/_emulator/namespaces',
    );
    expect(listed.data.find((n) => n.name === 'to-drop')).toMatchObject({ requests: 1 });
    const dropped = await gw.call('DELETE', '/_emulator/namespaces/to-drop');
    expect(await expectControl(dropped, 'DELETE', '/_emulator/namespaces/{name}')).toEqual({ ok: true });
    expect((await gw.call('DELETE', '/_emulator/namespaces/to-drop')).status).toBe(404);
    // Named again, it starts afresh.
    expect(gw.namespace('to-drop').requests.count()).toBe(0);

    const bad = await gw.call('GET', '/v1/models', { headers: { [NS]: 'has space' } });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error).toMatchObject({ code: 'invalid_value', param: NS });
    expect(error.message).toMatch(/x-aig-emulator-namespace must be 1-64 characters of A-Z a-z 0-9 \. _ : -/);
    expect(() => gw.namespace('')).toThrow(TypeError);
  });

  it('the control API still needs the top-level key inside a namespace', async () => {
    expect((await gw.call('GET', '/_emulator/requests', { key: null, headers: { [NS]: 'k' } })).status).toBe(
      401,
    );
    expect((await gw.call('GET', '/_emulator/namespaces', { key: null })).status).toBe(401);
  });
});
