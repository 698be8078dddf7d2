import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetOnCut, StreamCut } from '../../src/http/stream-cut.js';
import { sseData, startGateway, type TestGateway } from '../helpers.js';

const sse = { 'content-type': 'text/event-stream' };
const encoder = new TextEncoder();

/** A body that sends one event, then errors with `error`. */
function failingBody(error: Error): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) controller.error(error);
      else controller.enqueue(encoder.encode('data: {}\n\n'));
      sent = true;
    },
  });
}

/** Reads a body to its end; resolves to the text and the error that ended it, if any. */
async function drain(body: ReadableStream<Uint8Array>): Promise<{ text: string; error?: unknown }> {
  const reader = body.getReader();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += new TextDecoder().decode(value);
    }
  } catch (error) {
    return { text, error };
  }
}

/** Everything the process logs through the console while a test runs. */
function consoleCalls() {
  const spies = (['error', 'warn', 'info', 'log'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((spy) => spy.mock.calls);
}
afterEach(() => void vi.restoreAllMocks());

describe('resetOnCut', () => {
  it('turns a StreamCut into a reset: the body stays open until cancelled, nothing errors', async () => {
    const reset = vi.fn();
    const reader = resetOnCut(
      new Response(failingBody(new StreamCut()), { headers: sse }),
      reset,
    ).body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const pending = reader.read();
    await vi.waitFor(() => expect(reset).toHaveBeenCalledOnce());
    await reader.cancel();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('passes any other error through, without a reset', async () => {
    const reset = vi.fn();
    const failure = new Error('a real failure');
    const res = resetOnCut(new Response(failingBody(failure), { status: 200, headers: sse }), reset);
    const { text, error } = await drain(res.body!);
    expect(sseData(text)).toEqual(['{}']);
    expect(error).toBe(failure);
    expect(reset).not.toHaveBeenCalled();
  });

  it('leaves responses that are not event streams alone', () => {
    const json = new Response('{}', { headers: { 'content-type': 'application/json' } });
    expect(resetOnCut(json, () => undefined)).toBe(json);
  });
});

describe('stream-cut over the node server', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('resets the connection after N chunks, without [DONE], and logs nothing', async () => {
    const logged = consoleCalls();
    const res = await gw.call('POST', '/v1/chat/completions', {
      body: { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'one two three' }], stream: true },
      headers: { 'x-aig-fault': 'stream-cut=2' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    const { text, error } = await drain(res.body!);
    expect(error).toBeInstanceOf(TypeError);
    expect(sseData(text)).toHaveLength(2);
    expect(text).not.toContain('[DONE]');
    // The server still answers (JSON untouched by the cut handling), and has had every turn it
    // needs to report the cut.
    const models = await gw.call('GET', '/v1/models');
    expect([models.status, models.headers.get('x-request-id')]).toEqual([
      200,
      expect.stringMatching(/^req_/),
    ]);
    expect(logged()).toEqual([]);
  });

  it('still reports any other stream failure (the node adapter logs it, as before)', async () => {
    const logged = consoleCalls();
    const failure = new Error('a real failure');
    const server = createServer(
      getRequestListener((_request, env) => {
        const { incoming, outgoing } = env as HttpBindings;
        return resetOnCut(new Response(failingBody(failure), { headers: sse }), () => {
          incoming.socket.destroy();
          outgoing.destroy();
        });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect((await drain(res.body!)).error).toBeInstanceOf(TypeError);
      await vi.waitFor(() => expect(logged()).toContainEqual([failure]));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
