import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.js';
import { type Harness, recordingFetch, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('models over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('lists the catalog, including floating names', async () => {
    const { data } = await gw.client().models.list();
    const ids = data.map((m) => m.id);
    expect(ids).toContain('anthropic/claude-sonnet-4.6');
    expect(data.find((m) => m.id === 'anthropic/claude-sonnet')).toMatchObject({
      floating: true,
      resolves_to: 'anthropic/claude-sonnet-4.6',
    });
  });

  it('retrieves a slug with its slash unescaped in the path', async () => {
    const fetch = recordingFetch();
    const urls: string[] = [];
    const client = gw.client({
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch.fetch(input, init);
      },
    });
    const model = await client.models.retrieve('anthropic/claude-sonnet-4.6');
    expect(model).toMatchObject({ id: 'anthropic/claude-sonnet-4.6', object: 'model', modality: 'chat' });
    expect(urls[0]).toBe(`${gw.baseURL}/models/anthropic/claude-sonnet-4.6`);
  });

  it('a missing model is a NotFoundError', async () => {
    await expect(gw.client().models.retrieve('nobody/nothing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
