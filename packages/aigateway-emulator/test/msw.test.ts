import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorHandlers } from '../src/msw.js';

const { handlers, emulator } = createEmulatorHandlers({ apiKey: 'sk-aig-msw', timeScale: 1000 });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await emulator.close();
});

describe('msw handlers (no socket)', () => {
  it('serve the openai SDK on https://api.aigateway.sh/v1', async () => {
    const openai = new OpenAI({
      baseURL: 'https://api.aigateway.sh/v1',
      apiKey: 'sk-aig-msw',
      maxRetries: 0,
    });
    const res = await openai.chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: 'in-process' }],
    });
    expect(res.choices[0]?.message.content).toContain('in-process');
    const stream = await openai.chat.completions.create({
      model: 'openai/gpt-5.4',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let chunks = 0;
    for await (const _ of stream) chunks += 1;
    expect(chunks).toBeGreaterThan(2);
  });

  it('share state with the emulator and its control', async () => {
    const res = await fetch('https://api.aigateway.sh/v1/videos/generations', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-aig-msw', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'runwayml/gen-4', prompt: 'x', duration: 1 }),
    });
    const job = await res.json();
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    await emulator.control.advance(5);
    const done = await (
      await fetch(`https://api.aigateway.sh/v1/jobs/${job.id}`, {
        headers: { authorization: 'Bearer sk-aig-msw' },
      })
    ).json();
    expect(done.result_url).toMatch(/^https:\/\/api\.aigateway\.sh\/v1\/files\/jobs\//);
    expect((await fetch(done.result_url)).headers.get('content-type')).toBe('video/mp4');
  });

  it('turn drop faults into network errors', async () => {
    const err = await fetch('https://api.aigateway.sh/v1/models', {
      headers: { authorization: 'Bearer sk-aig-msw', 'x-aig-fault': 'drop=before' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
  });
});
