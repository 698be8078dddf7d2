import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';
import { type Browser, openBrowser, SCREENSHOTS } from './browser.js';

// The console and the MCP inspector, clicked through in headless Chromium against a real emulator
// on a loopback port. Screenshots land in test-output/console/ (printed below).

let gw: TestGateway;
let browser: Browser;
let page: Page;
let receiver: Server;
let hookUrl: string;
let hookHits = 0;
const shots: string[] = [];
/** Every request the page makes, to check what it sends before the key and arguments are valid. */
const sent: Request[] = [];

beforeAll(async () => {
  // Time scale 2: a 2 s video is queued 0.5 s then runs 2 s, slow enough to watch its progress.
  gw = await startGateway({ timeScale: 2, apiKey: 'sk-aig-console-test' });
  // The webhook receiver refuses the first delivery attempt and accepts the next.
  receiver = createServer((req, res) => {
    hookHits += 1;
    req.resume();
    res.writeHead(hookHits === 1 ? 500 : 204).end();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/aig`;
  browser = await openBrowser();
  page = browser.page;
  page.on('request', (r) => sent.push(r));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  if (shots.length > 0) console.log(`Console screenshots (${SCREENSHOTS}):\n  ${shots.join('\n  ')}`);
});

const shot = async (name: string) => shots.push(await browser.screenshot(name));
const post = (path: string, body: unknown, headers: Record<string, string> = {}, key = gw.apiKey) =>
  gw.call('POST', path, { body, headers, key });
const tab = (name: string) =>
  page
    .getByRole('navigation')
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();

describe('the console', { timeout: 60_000 }, () => {
  it('asks for the key first, sends nothing with a malformed one, and keeps it in sessionStorage only', async () => {
    await page.goto(`${gw.origin}/`);
    expect(new URL(page.url()).pathname).toBe('/_emulator/');
    const keyInput = page.getByLabel('API key');
    await keyInput.fill('not-a-key');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => page.getByText("An AIgateway key starts with 'sk-aig-'.").isVisible()).toBe(true);
    expect(sent.filter((r) => new URL(r.url()).pathname === '/_emulator/events')).toHaveLength(0);

    await keyInput.fill(gw.apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByTestId('live').filter({ hasText: 'live' }).waitFor();
    const storage = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.keys(localStorage).length,
      html: document.documentElement.outerHTML,
    }));
    expect(storage.session).toContain(gw.apiKey);
    expect(storage.local).toBe(0);
    expect(storage.html).not.toContain(gw.apiKey);
    for (const r of sent) {
      expect(new URL(r.url()).origin).toBe(gw.origin);
      expect(r.url()).not.toContain(gw.apiKey);
    }
  });

  it('charts usage by tag and spend vs cap per sub-account, and updates live', async () => {
    const acme = await (await post('/v1/sub-accounts', { name: 'acme', spend_cap_cents: 3 })).json();
    await post('/v1/sub-accounts', { name: 'globex' });
    const chat = { model: 'openai/gpt-5.4', messages: [{ role: 'user', content: 'Summarise this report' }] };
    await post('/v1/chat/completions', chat, { 'x-aig-tag': 'summarize' });
    await post('/v1/chat/completions', chat, { 'x-aig-tag': 'summarize' });
    await post(
      '/v1/embeddings',
      { model: 'baai/bge-m3', input: 'search me' },
      { 'x-aig-tag': 'search' },
      acme.key,
    );
    // Nine images at 0.3¢ fit under acme's 3¢ cap (a request never passes it); lowering the cap
    // to 2¢ then puts acme at its cap.
    const images = { model: 'black-forest-labs/flux-1-schnell', prompt: 'a logo', n: 9 };
    expect((await post('/v1/images/generations', images, {}, acme.key)).status).toBe(200);
    const lowered = await gw.call('PATCH', `/v1/sub-accounts/${acme.id}`, { body: { spend_cap_cents: 2 } });
    expect(lowered.status).toBe(200);
    await tab('Overview');
    const chart = page.getByRole('img', { name: 'Usage by tag this month' });
    await chart.locator('[data-tag="summarize"]').waitFor();
    await chart.locator('[data-tag="search"]').waitFor();
    expect(await chart.locator('[data-tag="summarize"]').textContent()).toContain('2 req');
    // A request made while the page is open shows up without a reload.
    await post('/v1/chat/completions', chat, { 'x-aig-tag': 'translate' });
    await chart.locator('[data-tag="translate"]').waitFor();
    const spend = page.locator(`[data-sub-account="${acme.id}"]`);
    await spend.getByText(/of 2¢/).waitFor();
    await spend.getByText(/402 budget_exceeded/).waitFor();
    await page.getByText('globex').waitFor();
    await shot('1-overview');
  });

  it('watches a video job run and finish, and its webhook attempts appear', async () => {
    await tab('Jobs');
    const job = await (
      await post('/v1/videos/generations', {
        model: 'runwayml/gen-4',
        prompt: 'a fox running through snow',
        duration: 2,
        webhook_url: hookUrl,
      })
    ).json();
    const card = page.locator(`[data-job="${job.id}"]`);
    await card.and(page.locator('[data-status="running"]')).waitFor({ timeout: 10_000 });
    await card.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 15_000 });
    expect(await card.locator('progress').getAttribute('value')).toBe('100');
    const video = card.locator('video');
    await video.waitFor();
    // The player's source is the job's signed result URL on this emulator (no key needed).
    const src = await video.evaluate((v: HTMLVideoElement) =>
      fetch(v.currentSrc || v.src).then(async (r) => ({
        type: r.headers.get('content-type'),
        size: (await r.arrayBuffer()).byteLength,
      })),
    );
    expect(src.type).toBe('video/mp4');
    expect(src.size).toBeGreaterThan(0);
    await shot('2-jobs');

    await tab('Webhooks');
    const delivery = page.locator(`li.delivery:has(code:text-is("${job.id}"))`);
    await delivery
      .locator('tr.attempt[data-attempt="1"] .badge', { hasText: '500' })
      .waitFor({ timeout: 10_000 });
    await delivery.locator('tr.scheduled').getByText('next attempt').waitFor();
    expect(await delivery.locator('tr.scheduled').count()).toBe(5);
    // The emulator clock is moved from the page: the 30 s retry falls due.
    await page.getByRole('button', { name: '+30 s' }).first().click();
    await delivery
      .locator('tr.attempt[data-attempt="2"] .badge', { hasText: '204' })
      .waitFor({ timeout: 10_000 });
    await delivery.and(page.locator('[data-status="delivered"]')).waitFor();
    await delivery.locator('tr.attempt[data-attempt="2"] summary').click();
    const headers = delivery.locator('tr.attempt[data-attempt="2"] dl.headers');
    expect(await headers.textContent()).toMatch(/x-aig-signaturet=\d+,v1=[0-9a-f]{64}/);
    expect(await headers.textContent()).toContain('x-aig-attempt2');
    expect(hookHits).toBe(2);
    await shot('3-webhooks');
  });

  it('filters the request journal', async () => {
    await post('/v1/chat/completions', {
      model: 'nobody/nothing',
      messages: [{ role: 'user', content: 'x' }],
    });
    await gw.call('GET', '/v1/models', { key: 'sk-aig-wrong' });
    await tab('Requests');
    const rows = page.locator('tr.request');
    const count = page.getByTestId('journal-count');
    await count.getByText(/^\d+ of \d+ requests/).waitFor();
    const filters = page.getByRole('form', { name: 'Journal filters' });
    await filters.locator('select[name="status"]').selectOption('4xx');
    await expect.poll(async () => (await rows.allTextContents()).length).toBeGreaterThanOrEqual(2);
    for (const text of await rows.locator('td:nth-child(4)').allTextContents())
      expect(text).toMatch(/^4\d\d$/);
    await filters.locator('select[name="status"]').selectOption('');
    await filters.locator('select[name="tag"]').selectOption('summarize');
    await expect.poll(() => rows.count()).toBe(2);
    await filters.locator('select[name="tag"]').selectOption('');
    await filters.locator('input[name="path"]').fill('embeddings');
    await expect.poll(() => rows.count()).toBe(1);
    await filters.locator('select[name="key"]').selectOption('top_level');
    await page.getByText('No request matches these filters.').waitFor();
    await filters.locator('select[name="key"]').selectOption('sub_account');
    await rows.first().click();
    await page.locator('tr.detail').getByText('"search me"').waitFor();
    // The journal's headers, the key redacted.
    await page.locator('tr.detail').getByText('"[redacted]"').first().waitFor();
    expect(await page.locator('tr.detail').textContent()).not.toContain(gw.apiKey);
    // New requests that match arrive while filtered.
    const initech = await (await post('/v1/sub-accounts', { name: 'initech' })).json();
    await post('/v1/embeddings', { model: 'baai/bge-m3', input: 'more' }, {}, initech.key);
    await expect.poll(() => rows.count()).toBe(2);
    await shot('4-requests');
  });
});

describe('the MCP inspector', { timeout: 60_000 }, () => {
  it('lists tools with search, checks arguments before sending, calls generate_image and shows the image', async () => {
    await tab('MCP inspector');
    await page
      .getByTestId('mcp-status')
      .getByText(/connected to aigateway/)
      .waitFor();
    const tools = page.getByRole('navigation', { name: 'Tools' });
    expect(await tools.getByRole('button').count()).toBe(16);
    await page.getByLabel('Search tools').fill('image');
    await expect.poll(() => tools.getByRole('button', { name: 'chat', exact: true }).count()).toBe(0);
    await tools.getByRole('button', { name: 'generate_image' }).click();

    const panel = page.getByRole('region', { name: 'Tool generate_image' });
    const calls = () =>
      sent.filter((r) => r.method() === 'POST' && r.postData()?.includes('"tools/call"')).length;
    const before = calls();
    await panel.getByRole('button', { name: 'Call generate_image' }).click();
    await panel.getByRole('list', { name: 'Problems' }).getByText('model').waitFor();
    expect(await panel.getByRole('list', { name: 'Problems' }).textContent()).toContain('prompt required');
    expect(calls()).toBe(before);

    await panel.locator('[data-path="model"]').fill('black-forest-labs/flux-1-schnell');
    await panel.locator('[data-path="prompt"]').fill('a red fox in the snow');
    await panel.getByRole('button', { name: 'Call generate_image' }).click();
    const image = panel.getByTestId('result').locator('img.media');
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(calls()).toBe(before + 1);
    const log = page.getByRole('region', { name: 'Message log' });
    await log.getByText('tools/call').first().waitFor();
    expect(await log.locator('.ms').count()).toBeGreaterThanOrEqual(3);
    await shot('5-mcp-generate-image');

    // Arguments are kept per tool: chat has its own, and generate_image's are still there.
    await page.getByLabel('Search tools').fill('');
    await tools.getByRole('button', { name: 'chat', exact: true }).click();
    expect(await page.locator('[data-path="model"]').inputValue()).toBe('');
    await tools.getByRole('button', { name: 'generate_image' }).click();
    expect(await page.locator('[data-path="prompt"]').inputValue()).toBe('a red fox in the snow');

    // One session for everything; leaving the page ends it with DELETE.
    const session = /session ([0-9a-f-]{36})/.exec(
      (await page.getByTestId('mcp-status').textContent()) ?? '',
    )?.[1];
    const initializes = sent.filter((r) => r.postData()?.includes('"initialize"')).length;
    expect(initializes).toBe(1);
    await page.goto('about:blank');
    await expect
      .poll(() =>
        gw.control.requests().some((r) => r.method === 'DELETE' && r.path === '/mcp' && r.status === 200),
      )
      .toBe(true);
    const stale = await fetch(`${gw.origin}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gw.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': session ?? '',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
  });

  it('at /mcp/inspect, over the legacy SSE transport: audio, isError results and a generated form for nested lists', async () => {
    await page.goto(`${gw.origin}/mcp/inspect`);
    // The key is kept for the tab's session: no prompt again.
    const transport = page.getByLabel('Transport');
    await transport.selectOption('sse');
    // The Streamable HTTP connection may still show as connected until the switch starts: wait for /mcp/sse first.
    await expect.poll(() => sent.some((r) => new URL(r.url()).pathname === '/mcp/sse')).toBe(true);
    await page
      .getByTestId('mcp-status')
      .getByText(/connected to aigateway/)
      .waitFor();

    const tools = page.getByRole('navigation', { name: 'Tools' });
    await tools.getByRole('button', { name: 'speak' }).click();
    const speak = page.getByRole('region', { name: 'Tool speak' });
    await speak.locator('[data-path="model"]').fill('deepgram/aura-2-en');
    await speak.locator('[data-path="input"]').fill('Hello from the inspector');
    await speak.locator('[data-path="voice"]').fill('asteria');
    await speak.locator('[data-path="response_format"]').selectOption('wav');
    await speak.getByRole('button', { name: 'Call speak' }).click();
    const audio = speak.getByTestId('result').locator('audio');
    await audio.waitFor();
    expect(await audio.getAttribute('src')).toMatch(/^data:audio\/wav;base64,/);

    await tools.getByRole('button', { name: 'chat', exact: true }).click();
    const chat = page.getByRole('region', { name: 'Tool chat' });
    await chat.locator('[data-path="model"]').fill('nobody/nothing');
    // messages is a required list: the form starts with one item, whose role is a choice.
    await chat.locator('[data-path="messages/0/role"]').selectOption('user');
    await chat.locator('[data-path="messages/0/content"]').fill('hi');
    await chat.getByRole('button', { name: 'Add object' }).click();
    await chat.locator('[data-path="messages/1/role"]').waitFor();
    await chat.getByRole('button', { name: 'Remove' }).nth(1).click();
    await chat.getByRole('button', { name: 'Call chat' }).click();
    const result = chat.getByTestId('result');
    await result.getByText('isError: the tool call failed').waitFor();
    expect(await result.locator('.error-message').textContent()).toMatch(/nobody\/nothing/);
    await shot('6-inspector-sse-error');

    const session = /session ([0-9a-f-]{36})/.exec(
      (await page.getByTestId('mcp-status').textContent()) ?? '',
    )?.[1];
    await page.goto('about:blank');
    // The SSE stream is gone, so is the session: its message endpoint no longer knows it.
    await expect
      .poll(async () => {
        const res = await fetch(`${gw.origin}/mcp/messages?sessionId=${session}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
        return res.status;
      })
      .toBe(404);
  });
});
