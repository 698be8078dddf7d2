import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractViolation } from '../../../src/domains/recording/recording.js';
import { startGateway, type TestGateway } from '../../helpers.js';

// A second emulator plays the real gateway. Its key and secret, a BYOK key and a sub-account key
// it hands out must never reach a cassette.
const UPSTREAM_KEY = 'sk-aig-upstream-Real-Key-0123456789';
const UPSTREAM_SECRET = 'whsec_upstream_real_secret_abcdef';
const BYOK_KEY = 'sk-openai-byok-secret-9876543210';
const chat = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'record me' }] };
const streamed = { ...chat, stream: true, messages: [{ role: 'user', content: 'stream me' }] };
const images = { model: 'black-forest-labs/flux-1-schnell', prompt: 'a logo' };

interface Recorded {
  chat: string;
  stream: string;
  error: string;
  image: Buffer;
  subAccountKey: string;
}

/** The interactions both the recording and the replay make, with what they answered. */
async function interact(gw: TestGateway): Promise<Recorded> {
  const plain = await gw.call('POST', '/v1/chat/completions', {
    body: chat,
    headers: { 'x-byok-openai': BYOK_KEY, 'x-aig-tag': 'checkout' },
  });
  expect(plain.status).toBe(200);
  const stream = await gw.call('POST', '/v1/chat/completions', { body: streamed });
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const error = await gw.call('POST', '/v1/chat/completions', { body: { ...chat, model: 'nope/none' } });
  expect(error.status).toBe(404);
  const generated = await gw.call('POST', '/v1/images/generations', { body: images });
  const url = ((await generated.json()) as { data: { url: string }[] }).data[0]!.url;
  // URLs on the upstream are rewritten to the emulator in front of it, so the download comes through it too.
  expect(url.startsWith(gw.origin)).toBe(true);
  const download = await fetch(url);
  expect(download.headers.get('content-type')).toBe('image/png');
  const sub = await gw.call('POST', '/v1/sub-accounts', { body: { name: 'acme' } });
  const subAccount = (await sub.json()) as { key: string };
  return {
    chat: await plain.text(),
    stream: await stream.text(),
    error: await error.text(),
    image: Buffer.from(await download.arrayBuffer()),
    subAccountKey: subAccount.key,
  };
}

const filesIn = (dir: string) => readdirSync(dir).sort();

describe('record and replay (a second emulator as the upstream)', () => {
  let dir: string;
  let recorded: Recorded;
  let upstreamRequests: { path: string; auth: string | null }[];
  const violations: ContractViolation[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aig-cassettes-'));
    const upstream = await startGateway({ apiKey: UPSTREAM_KEY, webhookSecret: UPSTREAM_SECRET });
    const proxy = await startGateway({
      proxy: { upstream: upstream.url, apiKey: UPSTREAM_KEY, record: dir },
      onViolation: (v) => violations.push(v),
    });
    try {
      recorded = await interact(proxy);
      // The control API is the emulator's own: never forwarded.
      const status = await proxy.call('GET', '/_emulator/recording');
      expect(await status.json()).toMatchObject({ mode: 'proxy', upstream: upstream.url, dir, proxied: 6 });
      upstreamRequests = upstream.control.requests().map((r) => ({ path: r.path, auth: null }));
      // The proxy journals what it forwarded, bodies included.
      const journaled = proxy.control.requests();
      expect(journaled.map((r) => r.path)).toContain('/v1/chat/completions');
      expect(journaled.find((r) => r.path === '/v1/sub-accounts')?.body).toEqual({ name: 'acme' });
    } finally {
      await proxy.close(); // waits for the cassettes being written
      await upstream.close();
    }
  });

  it('forwards with the upstream key and writes one readable cassette per interaction', () => {
    expect(upstreamRequests.map((r) => r.path)).not.toContain('/_emulator/recording');
    expect(upstreamRequests).toHaveLength(6);
    const files = filesIn(dir);
    expect(files).toHaveLength(6);
    for (const f of files) expect(f).toMatch(/^(post|get)-v1-[a-z0-9-]+-[0-9a-f]{12}(\.\d+)?\.json$/);
    expect(files.filter((f) => f.startsWith('post-v1-chat-completions-'))).toHaveLength(3);
    expect(files.some((f) => f.startsWith('get-v1-files-'))).toBe(true);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(violations).toEqual([]);
  });

  it('stores the stream as its events and the image as base64', () => {
    const read = (prefix: string, text: string) =>
      filesIn(dir)
        .filter((f) => f.startsWith(prefix))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
        .find((c) => JSON.stringify(c.request).includes(text));
    const stream = read('post-v1-chat-completions-', 'stream me');
    expect(stream.response.body.events.at(-1)).toBe('data: [DONE]');
    const image = read('get-v1-files-', '');
    expect(Buffer.from(image.response.body.base64, 'base64').equals(recorded.image)).toBe(true);
    const plain = read('post-v1-chat-completions-', 'record me');
    expect(plain.match.headers).toEqual({ 'x-aig-tag': 'checkout', 'x-byok-openai': 'present' });
    expect(plain.request.headers.authorization).toBe('[redacted]');
    expect(plain.request.headers['x-byok-openai']).toBe('[redacted]');
  });

  it('leaves no key or secret in any cassette byte', () => {
    expect(recorded.subAccountKey).toMatch(/^sk-aig-/);
    const bytes = filesIn(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const secret of [UPSTREAM_KEY, UPSTREAM_SECRET, BYOK_KEY, recorded.subAccountKey]) {
      expect(bytes).not.toContain(secret);
    }
    // Every key-shaped string is the placeholder.
    expect(new Set(bytes.match(/sk-aig-[A-Za-z0-9_-]+/g))).toEqual(new Set(['sk-aig-REDACTED']));
  });

  it('replays with the upstream stopped: the same bodies, byte for byte', async () => {
    const replay = await startGateway({ replay: { dir } });
    try {
      const again = await interact(replay);
      expect(again.chat).toBe(recorded.chat);
      expect(again.stream).toBe(recorded.stream);
      expect(again.error).toBe(recorded.error);
      expect(again.image.equals(recorded.image)).toBe(true);
      const res = await replay.call('POST', '/v1/chat/completions', {
        body: chat,
        headers: { 'x-aig-tag': 'checkout', 'x-byok-openai': 'other' },
      });
      expect(res.headers.get('x-aig-cassette')).toMatch(/^post-v1-chat-completions-[0-9a-f]{12}$/);
      expect(replay.control.recording()).toMatchObject({ mode: 'replay', replayed: 7, misses: 0 });
    } finally {
      await replay.close();
    }
  });

  it('emulates a request without a cassette, or fails it naming the request and the directory', async () => {
    const miss = { ...chat, messages: [{ role: 'user', content: 'never recorded' }] };
    const lenient = await startGateway({ replay: { dir } });
    const strict = await startGateway({ replay: { dir, onMiss: 'error' } });
    try {
      const emulated = await lenient.call('POST', '/v1/chat/completions', { body: miss });
      expect(emulated.status).toBe(200);
      expect(emulated.headers.get('x-aig-cassette')).toBeNull();
      expect(lenient.control.recording()).toMatchObject({ on_miss: 'emulate', misses: 1, replayed: 0 });

      const failed = await strict.call('POST', '/v1/chat/completions', { body: miss });
      expect(failed.status).toBe(500);
      expect(failed.headers.get('x-aig-cassette')).toBe('miss');
      const { error } = (await failed.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('internal_error');
      expect(error.message).toContain(`No cassette in ${dir} matches POST /v1/chat/completions`);
      expect(error.message).toContain('--replay-strict');
      // The same request as recorded is still served in strict mode.
      expect((await strict.call('POST', '/v1/chat/completions', { body: streamed })).status).toBe(200);
    } finally {
      await lenient.close();
      await strict.close();
    }
  });
});

describe('the proxy', () => {
  let bad: Server;
  let badUrl: string;

  beforeAll(async () => {
    // A tiny "gateway" whose chat completion lacks most of what the contract requires.
    bad = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0 }] }));
    });
    await new Promise<void>((resolve) => bad.listen(0, '127.0.0.1', resolve));
    badUrl = `http://127.0.0.1:${(bad.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => bad.close(() => resolve())));

  it('reports each contract violation of an upstream answer, and still passes the answer on', async () => {
    const violations: ContractViolation[] = [];
    const proxy = await startGateway({ proxy: { upstream: badUrl }, onViolation: (v) => violations.push(v) });
    try {
      const res = await proxy.call('POST', '/v1/chat/completions', { body: chat });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: 'chatcmpl-1' });
      const messages = violations.map((v) => v.message);
      expect(messages).toContain("/ must have required property 'model'");
      expect(messages).toContain("/choices/0 must have required property 'message'");
      expect(violations[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
      const status = (await (await proxy.call('GET', '/_emulator/recording')).json()) as {
        violations: ContractViolation[];
      };
      expect(status.violations.map((v) => v.message)).toEqual(messages);
    } finally {
      await proxy.close();
    }
  });

  it('forwards the caller’s own Authorization when no upstream key is configured', async () => {
    const upstream = await startGateway({ apiKey: UPSTREAM_KEY });
    const proxy = await startGateway({ proxy: { upstream: upstream.origin } });
    try {
      expect((await proxy.call('GET', '/v1/models', { key: UPSTREAM_KEY })).status).toBe(200);
      // The emulator's own key means nothing upstream.
      expect((await proxy.call('GET', '/v1/models')).status).toBe(401);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('answers 502 naming the upstream when it does not answer, and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aig-cassettes-'));
    const upstream = await startGateway();
    const origin = upstream.origin;
    await upstream.close();
    const proxy = await startGateway({ proxy: { upstream: origin, record: dir } });
    try {
      const res = await proxy.call('GET', '/v1/models');
      expect(res.status).toBe(502);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toContain(`The --proxy upstream ${origin} did not answer`);
    } finally {
      await proxy.close();
    }
    expect(filesIn(dir)).toEqual([]);
  });

  it('never writes a cassette for a stream cut half-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aig-cassettes-'));
    const upstream = await startGateway({ apiKey: UPSTREAM_KEY });
    const proxy = await startGateway({
      proxy: { upstream: upstream.url, apiKey: UPSTREAM_KEY, record: dir },
    });
    try {
      const res = await proxy.call('POST', '/v1/chat/completions', {
        body: streamed,
        headers: { 'x-aig-fault': 'stream-cut=2' },
      });
      await expect(res.text()).rejects.toThrow();
      await proxy.control.settle();
    } finally {
      await proxy.close();
      await upstream.close();
    }
    expect(filesIn(dir)).toEqual([]);
  });
});
