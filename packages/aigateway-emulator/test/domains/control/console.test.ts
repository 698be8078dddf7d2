import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

/** Reads `GET /_emulator/events` until `until` has seen what it waits for. */
async function events(key: string | null, until: (seen: { event: string; data: string }[]) => boolean) {
  const abort = new AbortController();
  const res = await fetch(`${gw.origin}/_emulator/events`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
    signal: abort.signal,
  });
  const seen: { event: string; data: string }[] = [];
  return {
    res,
    seen,
    async read(): Promise<void> {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      while (!until(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) seen.push({ event, data });
          end = buffer.indexOf('\n\n');
        }
      }
      abort.abort();
    },
  };
}

describe('the console page', () => {
  it('is served at /_emulator/ without a key, holds no key, and allows no other origin', async () => {
    const res = await fetch(`${gw.origin}/_emulator/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('data-view="console"');
    expect(html).toContain('/_emulator/console/app.js');
    expect(html).not.toContain(gw.apiKey);
    expect(html).not.toContain(gw.webhookSecret);
    // The bundle is static: nothing of this emulator's secrets in it either.
    const js = await fetch(`${gw.origin}/_emulator/console/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const code = await js.text();
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toContain(gw.apiKey);
    expect((await fetch(`${gw.origin}/_emulator/console/app.css`)).headers.get('content-type')).toContain(
      'text/css',
    );
    expect((await fetch(`${gw.origin}/_emulator/console/nope.js`)).status).toBe(404);
  });

  it('opens at / for a browser; API clients still get the unknown_path envelope', async () => {
    const browser = await fetch(`${gw.origin}/`, {
      headers: { accept: 'text/html,*/*' },
      redirect: 'manual',
    });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/_emulator/');
    const api = await fetch(`${gw.origin}/`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('unknown_path');
    const bare = await fetch(`${gw.origin}/_emulator`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(bare.headers.get('location')).toBe('/_emulator/');
  });

  it('serves the inspector shell at /mcp/inspect', async () => {
    const res = await fetch(`${gw.origin}/mcp/inspect`);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('data-view="inspector"');
    expect(html).not.toContain(gw.apiKey);
  });
});

describe('GET /_emulator/events', () => {
  it('needs the top-level key', async () => {
    expect((await fetch(`${gw.origin}/_emulator/events`)).status).toBe(401);
    const sa = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 'events' } })).json();
    const denied = await fetch(`${gw.origin}/_emulator/events`, {
      headers: { authorization: `Bearer ${sa.key}` },
    });
    expect(denied.status).toBe(403);
    await gw.call('DELETE', `/v1/sub-accounts/${sa.id}`);
  });

  it('streams hello, each stored request, changes (coalesced) and resets', async () => {
    const stream = await events(gw.apiKey, (seen) => seen.some((e) => e.event === 'reset'));
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream');
    const reading = stream.read();
    const chat = await gw.call('POST', '/v1/chat/completions', {
      body: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'hi' }] },
      headers: { 'x-aig-tag': 'live' },
    });
    const requestId = chat.headers.get('x-request-id');
    // Let the coalesced `changed` (100 ms) go out before the reset.
    await new Promise((r) => setTimeout(r, 250));
    await gw.call('POST', '/_emulator/reset');
    await reading;
    const names = stream.seen.map((e) => e.event);
    expect(names[0]).toBe('hello');
    const request = stream.seen.find((e) => e.event === 'request' && JSON.parse(e.data).id === requestId);
    expect(JSON.parse(request!.data)).toMatchObject({
      path: '/v1/chat/completions',
      status: 200,
      tag: 'live',
    });
    expect(names).toContain('changed');
    expect(names.filter((n) => n === 'changed').length).toBeLessThanOrEqual(3);
    expect(names.at(-1)).toBe('reset');
    expect(JSON.stringify(stream.seen)).not.toContain(gw.apiKey);
  });

  it('ends when the emulator closes', async () => {
    const other = await startGateway();
    const res = await fetch(`${other.origin}/_emulator/events`, {
      headers: { authorization: `Bearer ${other.apiKey}` },
    });
    const reader = res.body!.getReader();
    await reader.read(); // hello
    await other.close();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).resolves.toBe('ended');
  });
});

describe('read models for the console', () => {
  let receiver: Server;
  let hits = 0;
  beforeAll(async () => {
    // Fails the first attempt, accepts the second.
    receiver = createServer((req, res) => {
      hits += 1;
      req.resume();
      res.writeHead(hits === 1 ? 500 : 204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('delivery attempts carry the headers sent and the schedule of the attempts to come', async () => {
    // Real time scale: the clock moves only when the test advances it.
    const real = await startGateway();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const job = await (
      await real.call('POST', '/v1/videos/generations', {
        body: { model: 'runwayml/gen-4', prompt: 'a fox', duration: 1, webhook_url: url },
      })
    ).json();
    // The job ends within 10 s; the first attempt fails.
    await real.control.advance(10);
    let [d] = (await (await real.call('GET', '/_emulator/deliveries')).json()).data;
    expect(d).toMatchObject({ job_id: job.id, status: 'pending' });
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0].status).toBe(500);
    expect(d.attempts[0].headers).toMatchObject({
      'content-type': 'application/json',
      'x-aig-event-type': 'job.completed',
      'x-aig-delivery-id': d.id,
      'x-aig-attempt': '1',
    });
    expect(d.attempts[0].headers['x-aig-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // Attempts 2–6: the next at next_attempt_at (30 s after the first), then 2 min, 10 min, 1 h, 6 h apart.
    expect(d.schedule.map((s: { attempt: number }) => s.attempt)).toEqual([2, 3, 4, 5, 6]);
    expect(d.schedule[0].at).toBe(d.next_attempt_at);
    expect(d.next_attempt_at - d.attempts[0].at).toBeGreaterThanOrEqual(29);
    const gaps = d.schedule.slice(1).map((s: { at: number }, i: number) => s.at - d.schedule[i].at);
    expect(gaps).toEqual([120, 600, 3600, 21600]);
    await real.control.advance(30);
    [d] = (await (await real.call('GET', '/_emulator/deliveries')).json()).data;
    expect(d.status).toBe('delivered');
    expect(d.attempts.map((a: { status: number }) => a.status)).toEqual([500, 204]);
    expect(d.attempts[1].headers['x-aig-attempt']).toBe('2');
    expect(d.schedule).toEqual([]);
    await real.close();
  });

  it('lists this month’s usage per tag and sub-account, and sub-accounts with their spend', async () => {
    await gw.call('POST', '/_emulator/reset');
    const sa = await (
      await gw.call('POST', '/v1/sub-accounts', { body: { name: 'acme', spend_cap_cents: 500 } })
    ).json();
    for (const tag of ['a', 'a', 'b'])
      await gw.call('POST', '/v1/embeddings', {
        body: { model: 'baai/bge-m3', input: 'hello world' },
        headers: { 'x-aig-tag': tag },
        key: sa.key,
      });
    const usage = await (await gw.call('GET', '/_emulator/usage')).json();
    expect(usage.month).toMatch(/^\d{4}-\d{2}$/);
    const byTag = Object.fromEntries(usage.data.map((b: { tag: string; requests: number }) => [b.tag, b]));
    expect(byTag.a).toMatchObject({ sub_account_id: sa.id, requests: 2 });
    expect(byTag.b).toMatchObject({ sub_account_id: sa.id, requests: 1 });
    const subs = (await (await gw.call('GET', '/_emulator/sub-accounts')).json()).data;
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ id: sa.id, name: 'acme', spend_cap_cents: 500 });
    expect(subs[0].spent_cents).toBeCloseTo(byTag.a.cost_cents + byTag.b.cost_cents, 6);
    expect(JSON.stringify(subs)).not.toContain(sa.key);
    // Reading them adds nothing to the request journal.
    const before = gw.control.requests().length;
    await gw.call('GET', '/_emulator/usage');
    await gw.call('GET', '/_emulator/sub-accounts');
    expect(gw.control.requests().length).toBe(before);
  });
});
