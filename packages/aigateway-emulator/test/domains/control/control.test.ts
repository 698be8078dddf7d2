import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ timeScale: 1000 });
});
afterAll(() => gw.close());

describe('/_emulator control API', () => {
  it('needs the top-level key', async () => {
    expect((await gw.call('GET', '/_emulator/state', { key: null })).status).toBe(401);
    const sa = await (await gw.call('POST', '/v1/sub-accounts', { body: { name: 's' } })).json();
    expect((await gw.call('GET', '/_emulator/state', { key: sa.key })).status).toBe(403);
    expect((await gw.call('GET', '/_emulator/health', { key: null })).status).toBe(200);
  });

  it('advances the clock, lists jobs, requests, charges and deliveries, reports state, and resets', async () => {
    const job = await (
      await gw.call('POST', '/v1/audio/music', {
        body: { model: 'suno/v5', prompt: 'x', duration: 5, webhook_url: 'http://127.0.0.1:9/nowhere' },
      })
    ).json();
    const before = (await (await gw.call('GET', '/_emulator/clock')).json()).now;
    const advanced = await (
      await gw.call('POST', '/_emulator/clock/advance', { body: { seconds: 3600 } })
    ).json();
    expect(advanced.now - before).toBeGreaterThanOrEqual(3600);
    const jobs = (await (await gw.call('GET', '/_emulator/jobs')).json()).data;
    expect(jobs.find((j: { id: string }) => j.id === job.id)?.status).toBe('completed');
    const deliveries = (await (await gw.call('GET', '/_emulator/deliveries')).json()).data;
    expect(deliveries[0]).toMatchObject({
      job_id: job.id,
      url: 'http://127.0.0.1:9/nowhere',
      event: 'job.completed',
    });
    expect(deliveries[0].attempts[0].error).toMatch(/request failed/);
    expect(
      (await (await gw.call('GET', '/_emulator/charges')).json()).data.some(
        (c: { request_id: string }) => c.request_id === job.request_id,
      ),
    ).toBe(true);
    const requests = (await (await gw.call('GET', '/_emulator/requests')).json()).data;
    expect(requests.some((r: { path: string }) => r.path === '/v1/audio/music')).toBe(true);
    const state = await (await gw.call('GET', '/_emulator/state')).json();
    expect(state.jobs.completed).toBe(1);
    expect(state.sub_accounts).toBe(1);
    expect((await gw.call('POST', '/_emulator/clock/advance', { body: { seconds: -1 } })).status).toBe(400);
    await gw.call('POST', '/_emulator/reset');
    expect(gw.control.state()).toMatchObject({ sub_accounts: 0, jobs: { total: 0 }, charges: 0 });
  });
});
