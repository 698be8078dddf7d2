
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_KEY } from '../../src/domains/mcp/sessions.js';
import { mcpClient, startGateway, type TestGateway } from '../helpers.js';

/** MCP sessions per key (#12 item 6). */
let gw: TestGateway;
let alice: string;
let bob: string;
beforeAll(async () => {
  gw = await startGateway();
  const mint = async (name: string) =>
    ((await (await gw.call('POST', '/v1/sub-accounts', { body: { name } })).json()) as { key: string }).key;
  alice = await mint('alice');
  bob = await mint('bob');
});
afterAll(() => gw.close());

const rpcHeaders = (key: string, sid?: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-03-26',
  ...(sid ? { 'mcp-session-id': sid } : {}),
});

async function openSession(key: string): Promise<string> {
  const res = await fetch(`${gw.origin}/mcp`, {
    method: 'POST',
    headers: rpcHeaders(key),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-03-26',
        capabilities: {},
        clientInfo: { name: 'flood', version: '1' },
      },
    }),
  });
  await res.body?.cancel();
  const sid = res.headers.get('mcp-session-id');
  expect(sid).toBeTruthy();
  return sid!;
}

const listTools = (key: string, sid: string) =>
  fetch(`${gw.origin}/mcp`, {
    method: 'POST',
    headers: rpcHeaders(key, sid),
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });

describe('MCP sessions belong to the key that opened them', () => {
  it("another key using a session's id gets 404, as for an unknown session", async () => {
    const sid = await openSession(alice);
    const stolen = await listTools(bob, sid);
    expect(stolen.status).toBe(404);
    await stolen.body?.cancel();
    const own = await listTools(alice, sid);
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it("one tenant opening 300 sessions evicts only its own oldest, never another's", async () => {
    const client = await mcpClient(gw.origin, alice);
    const bobs: string[] = [];
    for (let i = 0; i < 300; i++) bobs.push(await openSession(bob));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();

    const oldest = await listTools(bob, bobs[0]!);
    expect(oldest.status).toBe(404);
    await oldest.body?.cancel();
    const newest = await listTools(bob, bobs.at(-1)!);
    expect(newest.status).toBe(200);
    await newest.body?.cancel();
    const kept = await listTools(bob, bobs.at(-MAX_SESSIONS_PER_KEY)!);
    expect(kept.status).toBe(200);
    await kept.body?.cancel();
  }, 60_000);
});
