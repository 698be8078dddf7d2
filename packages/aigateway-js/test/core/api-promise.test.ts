import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIgateway, AIgatewayError, JobHandle } from '../../src/index.js';
import { type Harness, startHarness } from '../helpers/emulator.js';

const model = 'openai/gpt-5.4';
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('request ids on results', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback', { timeScale: 50 });
  });
  afterAll(() => gw.close());

  it('every object result carries its X-Request-Id as a non-enumerable _request_id', async () => {
    const client = gw.client();
    const { data, requestId } = await client.chat.completions.create({ model, messages }).withResponse();
    expect(requestId).toMatch(/^req_/);
    expect(data._request_id).toBe(requestId);
    expect(Object.keys(data)).not.toContain('_request_id');
    expect(JSON.stringify(data)).not.toContain('_request_id');
    expect({ ...data }).not.toHaveProperty('_request_id');

    const list = await client.models.list();
    const record = gw.control.requests().findLast((r) => r.path === '/v1/models');
    expect(list._request_id).toBe(record?.id);

    const job = await client.videos.generate({ model: 'runwayml/gen-4', prompt: 'p', duration: 1 });
    expect(job).toBeInstanceOf(JobHandle);
    expect(job._request_id).toMatch(/^req_/);
    const done = await job.wait({ pollInterval: 20 });
    expect(done._request_id).toMatch(/^req_/);
    expect(done._request_id).not.toBe(job._request_id);
  });
});

describe('an empty 2xx body', () => {
  let server: Server;
  let baseURL: string;
  beforeAll(async () => {
    // A proxy that lost the body: 200 with no bytes, or 204 where the caller expects none.
    server = createServer((req, res) => {
      res.writeHead(req.url?.endsWith('/nothing') ? 204 : 200, {
        'content-type': 'application/json',
        'x-request-id': 'req_0123456789abcdef01234567',
      });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is an error naming the request, not undefined typed as the result', async () => {
    const client = new AIgateway({ apiKey: 'sk-aig-test-empty-body', baseURL, maxRetries: 0 });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AIgatewayError);
    expect((error as Error).message).toMatch(
      /answered 200 with an empty body where JSON was expected \(request req_0123456789abcdef01234567\)/,
    );
  });

  it('a 204 on a low-level call resolves to undefined', async () => {
    const client = new AIgateway({ apiKey: 'sk-aig-test-empty-body', baseURL });
    await expect(client.delete<undefined>('/nothing')).resolves.toBeUndefined();
  });
});
