import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway, TEST_KEY } from '../helpers/gateway.js';

// `aig dev requests` reads a running emulator's journal over its control API.
let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${g.gw.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.arrayBuffer());
  await call(
    { model: 'anthropic/claude-sonnet-4.6', messages: [{ role: 'user', content: 'I want a refund' }] },
    {
      'x-aig-tag': 'support',
      'x-byok-anthropic': 'sk-ant-NEVERPRINTED',
    },
  );
  await call(
    { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'Summarise' }] },
    { 'x-aig-tag': 'sum' },
  );
});
afterAll(() => g.close());

describe('aig dev requests', () => {
  it('lists the journal as a table, filtered', async () => {
    const r = await g.bin(['dev', 'requests', '--filter', 'model=anthropic/*']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+METHOD\s+PATH\s+STATUS\s+MODEL\s+TAG\s+KEY\s+REQUEST ID/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(
      /POST\s+\/v1\/chat\/completions\s+200\s+anthropic\/claude-sonnet-4\.6\s+support\s+top_level\s+req_/,
    );
  });

  it('--json prints the control API list, headers redacted', async () => {
    const r = await g.aig([
      'dev',
      'requests',
      '--filter',
      'header[x-aig-tag]=sum',
      '--filter',
      'prompt=/^summ/i',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.object).toBe('list');
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ model: 'openai/gpt-5.4', headers: { authorization: '[redacted]' } });
    const all = await g.aig(['dev', 'requests', '--json', '--limit', '1']);
    expect(JSON.parse(all.stdout).data.map((x: { tag: string }) => x.tag)).toEqual(['sum']);
    expect(g.transcript()).not.toContain('NEVERPRINTED');
  });

  it('nothing matching: the nearest requests and what each had instead', async () => {
    const r = await g.aig(['dev', 'requests', '--filter', 'model=openai/gpt-5.4', '--filter', 'tag=support']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No request matches model=openai/gpt-5.4, tag=support.');
    expect(r.stderr).toMatch(
      /Nearest requests:\n {2}POST \/v1\/chat\/completions → 200 \(req_\w+\):\n {4}(tag: expected support, got sum|model: expected openai\/gpt-5\.4, got anthropic\/claude-sonnet-4\.6)/,
    );
  });

  it('--namespace reads the journal of that namespace only', async () => {
    await fetch(`${g.gw.url}/models`, {
      headers: { authorization: `Bearer ${TEST_KEY}`, 'x-aig-emulator-namespace': 'suite-1' },
    }).then((r) => r.arrayBuffer());
    const r = await g.aig(['dev', 'requests', '--namespace', 'suite-1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).data.map((x: { path: string }) => x.path)).toEqual(['/v1/models']);
    const bad = await g.aig(['dev', 'requests', '--namespace', 'no spaces']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/x-aig-emulator-namespace must be 1-64 characters/);
  });

  it('a bad filter is exit 2 with one line saying what to send', async () => {
    const malformed = await g.aig(['dev', 'requests', '--filter', 'model']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--filter 'model' must be name=value/);
    const unknown = await g.aig(['dev', 'requests', '--filter', 'colour=red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /Unknown journal filter 'colour': use method, path.*Run 'aig dev requests --help' for the options/,
    );
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no emulator there: exit 7, saying how to start one; a wrong key: exit 3', async () => {
    const none = await g.aig(['dev', 'requests'], { env: { AIGATEWAY_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(none.code).toBe(7);
    expect(none.stderr).toMatch(/No emulator answers at http:\/\/127\.0\.0\.1:9: start one with 'aig dev'/);
    const wrong = await g.aig(['dev', 'requests'], { env: { AIGATEWAY_API_KEY: 'sk-aig-wrongwrongwrong' } });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/refused the key \(401\): pass the top-level key it printed with --key/);
  });
});
