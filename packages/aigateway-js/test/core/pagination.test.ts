// Auto-pagination against the emulator's cursor lists (sub-accounts, evals), over both transports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIgatewayError, CursorPage, type SubAccount } from '../../src/index.js';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('cursor pagination over %s', (transport) => {
  let gw: Harness;
  let created: SubAccount[];
  beforeAll(async () => {
    gw = await startHarness(transport);
    const client = gw.client();
    created = [];
    for (let i = 0; i < 7; i++) created.push(await client.subAccounts.create({ name: `page-${i}` }));
  });
  afterAll(() => gw.close());

  it('for await over a list yields every item of every page, in order', async () => {
    const since = gw.control.requests().length;
    const seen: string[] = [];
    for await (const sub of gw.client().subAccounts.list({ limit: 2 }, { tag: 'paging' })) seen.push(sub.id);
    const pages = gw.control.requests().slice(since);
    // The same order as one big page (newest first), each sub-account once.
    const onePage = await gw.client().subAccounts.list({ limit: 100 });
    expect(seen).toEqual(onePage.data.map((s) => s.id));
    expect([...seen].sort()).toEqual(created.map((s) => s.id).sort());
    expect(pages).toHaveLength(4);
    for (const page of pages)
      expect(page).toMatchObject({ path: '/v1/sub-accounts', tag: 'paging', status: 200 });
  });

  it('a page has data and has_more, hasNextPage() and getNextPage(); iterPages() walks them', async () => {
    const client = gw.client();
    let page = await client.subAccounts.list({ limit: 3 });
    expect(page).toBeInstanceOf(CursorPage);
    expect(JSON.parse(JSON.stringify(page))).toEqual({ object: 'list', data: page.data, has_more: true });
    const sizes = [page.data.length];
    while (page.hasNextPage()) {
      expect(page.nextPageParams()).toEqual({ starting_after: page.data.at(-1)?.id });
      page = await page.getNextPage();
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(page.has_more).toBe(false);
    expect(page.nextPageParams()).toBeNull();
    expect(() => page.getNextPage()).toThrow(AIgatewayError);
    const first = await client.subAccounts.list({ limit: 3 });
    const counted: number[] = [];
    for await (const p of first.iterPages()) counted.push(p.data.length);
    expect(counted).toEqual([3, 3, 1]);
    // Iterating a page goes on to the following pages.
    const all: string[] = [];
    for await (const sub of first) all.push(sub.id);
    expect(all).toHaveLength(7);
  });

  it('evals.list pages the same way', async () => {
    const client = gw.client();
    const dataset = [{ input: 'Say hi', expected: 'hi' }];
    for (let i = 0; i < 3; i++) {
      await client.evals.create({
        name: `paged-${i}`,
        candidate_models: ['openai/gpt-5.4', 'anthropic/claude-sonnet-4.6'],
        dataset,
        metric: 'contains',
      });
    }
    const ids: string[] = [];
    for await (const run of client.evals.list({ limit: 1 })) ids.push(run.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('a signal given to the list aborts the following pages too', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const sub of gw.client().subAccounts.list({ limit: 2 }, { signal: controller.signal })) {
        seen.push(sub.id);
        if (seen.length === 2) controller.abort('enough');
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect((error as Error).cause).toBe('enough');
  });

  it('next() calls made without waiting settle in call order, across pages, then done', async () => {
    const onePage = await gw.client().subAccounts.list({ limit: 100 });
    const items = gw.client().subAccounts.list({ limit: 3 })[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: created.length + 2 }, () => items.next()));
    expect(results.map((r) => (r.done ? 'done' : r.value.id))).toEqual([
      ...onePage.data.map((s) => s.id),
      'done',
      'done',
    ]);
  });

  it('break stops the iteration: no page after the one being read is fetched', async () => {
    const since = gw.control.requests().length;
    for await (const sub of gw.client().subAccounts.list({ limit: 2 })) {
      expect(sub.id).toMatch(/^sa_/);
      break;
    }
    expect(gw.control.requests().slice(since)).toHaveLength(1);
  });

  it('a page that fails rejects the next() waiting for it; the iteration is then done', async () => {
    const client = gw.client({ maxRetries: 0 });
    const items = client.subAccounts.list({ limit: 2 })[Symbol.asyncIterator]();
    const first = [await items.next(), await items.next()];
    expect(first.every((r) => !r.done)).toBe(true);
    gw.control.addFault({ path: '/v1/sub-accounts', method: 'GET', fault: 'status=500', count: 1 });
    const [failed, after] = await Promise.allSettled([items.next(), items.next()]);
    expect(failed.status).toBe('rejected');
    expect(after).toEqual({ status: 'fulfilled', value: { value: undefined, done: true } });
  });
});
