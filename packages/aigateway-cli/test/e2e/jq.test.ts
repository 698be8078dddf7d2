import { describe, expect, it } from 'vitest';
import { json, TEST_KEY, useGateway } from '../helpers/gateway.js';
import { startBin } from '../helpers/spawn.js';

const g = useGateway();

describe('--jq <expression>: the --json output through jq, printed like jq -r', () => {
  it('strings raw, one per line; the same data as --json', async () => {
    const doc = json<{ data: { id: string; modality: string }[] }>(await g.bin(['models', '--json']));
    const r = await g.bin(['models', '--modality', 'chat', '--jq', '.data[].id']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const chat = doc.data.filter((m) => m.modality === 'chat').map((m) => m.id);
    expect(r.stdout).toBe(`${chat.join('\n')}\n`);
  });

  it('other values as indented JSON; jq builtins work (select, map, length, string interpolation)', async () => {
    const count = await g.bin(['models', '--jq', '[.data[] | select(.modality == "video")] | length']);
    expect(Number(count.stdout)).toBeGreaterThan(0);
    const first = await g.bin(['models', '--jq', '.data[0] | {id, modality}']);
    expect(first.stdout).toMatch(/^\{\n {2}"id": ".+",\n {2}"modality": ".+"\n\}\n$/);
    const text = await g.bin(['usage', '--jq', '"\\(.month): \\(.total_requests) requests"']);
    expect(text.stdout).toMatch(/^\d{4}-\d\d: \d+ requests\n$/);
  });

  it('an expression jq cannot compile: exit 2 (invalid_jq) before any request', async () => {
    const before = g.gw.control.requests().length;
    const r = await g.bin(['models', '--jq', '.data[']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'invalid_jq', exit_code: 2 } });
    expect(JSON.parse(r.stderr).error.message).toMatch(/^--jq: syntax error.*jqlang\.org\/manual/);
    expect(g.gw.control.requests().length).toBe(before);
  });

  it('a filter that fails on the result: nothing lost, the whole document on stdout, exit 2 (jq_failed)', async () => {
    const r = await g.bin(['sub-account', 'create', '--name', 'jq-fails', '--jq', '.key[]']);
    expect(r.code).toBe(2);
    const created = json<{ id: string; key: string }>(r);
    expect(created.key).toMatch(/^sk-aig-sub-/);
    expect(JSON.parse(r.stderr)).toMatchObject({
      error: {
        code: 'jq_failed',
        message: expect.stringContaining('whole --json document is printed instead'),
      },
    });
  });

  it('jq sees no environment: $ENV and env are empty, so a filter cannot print your key', async () => {
    const r = await g.bin(['models', '--jq', '[$ENV.AIGATEWAY_API_KEY, env.AIGATEWAY_API_KEY]'], {
      env: { AIGATEWAY_API_KEY: TEST_KEY },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([null, null]);
  });

  it('commands that print JSON lines filter each line (aig dev --jq .base_url)', async () => {
    const dev = startBin(['dev', '--port', '0', '--jq', 'select(.event == "listening") | .base_url'], {
      env: {},
    });
    const [, url] = await dev.waitFor('stdout', /^(http:\/\/127\.0\.0\.1:\d+\/v1)\n/);
    const res = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-aig-emulator-dev' } });
    expect(res.status).toBe(200);
    const result = await dev.interrupt();
    expect(result.stdout).toBe(`${url}\n`);
    expect(result.code).toBe(130);
  });
});
