
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpClient, startGateway, type TestGateway } from '../helpers.js';

/** Internal file URLs in inputs pass exactly the checks of GET /v1/files (#12 item 1). */
let gw: TestGateway;
let alice: string;
let bob: string;
/** Alice's image: its signed URL, the same URL without the signature, and the prompt OCR reads back. */
let signed: string;
let unsigned: string;
const prompt = 'alice private scan';

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; param?: string } }).error;
const ocr = (key: string, image: string) =>
  gw.call('POST', '/v1/ocr', { key, body: { model: 'microsoft/trocr-base-printed', image } });

beforeAll(async () => {
  gw = await startGateway();
  const mint = async (name: string) =>
    ((await (await gw.call('POST', '/v1/sub-accounts', { body: { name } })).json()) as { key: string }).key;
  alice = await mint('alice');
  bob = await mint('bob');
  const res = await gw.call('POST', '/v1/images/generations', {
    key: alice,
    body: { model: 'openai/gpt-image-1', prompt },
  });
  signed = ((await res.json()) as { data: { url: string }[] }).data[0]!.url;
  unsigned = signed.split('?')[0]!;
});
afterAll(() => gw.close());

describe('own file URLs in inputs are checked like downloads', () => {
  it('the owner reads its own file by URL, signed or not', async () => {
    for (const image of [signed, unsigned]) {
      const res = await ocr(alice, image);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toBe(prompt);
    }
  });

  it('another sub-account cannot read it without the signature (ocr, detections)', async () => {
    const res = await ocr(bob, unsigned);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.param).toBe('image');
    expect(error.message).toContain('points at a file of this emulator');
    const det = await gw.call('POST', '/v1/detections', {
      key: bob,
      body: { model: 'facebook/detr-resnet-50', image: unsigned },
    });
    expect(det.status).toBe(400);
  });

  it('a signed URL works for whoever holds it, as a download does', async () => {
    expect((await fetch(signed)).status).toBe(200);
    expect((await ocr(bob, signed)).status).toBe(200);
  });

  it('a forged signature or a missing file is refused', async () => {
    const forged = signed.replace(/signature=[0-9a-f]{4}/, 'signature=0000');
    expect((await fetch(forged)).status).toBe(403);
    expect((await ocr(bob, forged)).status).toBe(400);
    expect((await ocr(alice, `${gw.origin}/v1/files/images/req_nope/0.png`)).status).toBe(400);
  });

  it('chat vision image_url and the video image input are checked too', async () => {
    const chat = await gw.call('POST', '/v1/chat/completions', {
      key: bob,
      body: {
        model: 'google/gemini-3.1-pro',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this' },
              { type: 'image_url', image_url: { url: unsigned } },
            ],
          },
        ],
      },
    });
    expect(chat.status).toBe(400);
    expect((await errorOf(chat)).param).toBe('messages[0].content[1].image_url.url');
    const video = await gw.call('POST', '/v1/videos/generations', {
      key: bob,
      body: { model: 'runwayml/gen-4', prompt: 'animate it', image: unsigned },
    });
    expect(video.status).toBe(400);
    expect((await errorOf(video)).param).toBe('image');
  });

  it("MCP transcribe: another tenant's file as audio_url is refused", async () => {
    const client = await mcpClient(gw.origin, bob);
    const result = (await client.callTool({
      name: 'transcribe',
      arguments: { model: 'openai/whisper-large-v3-turbo', audio_url: unsigned },
    })) as CallToolResult;
    await client.close();
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('audio_url points at a file of this emulator');
  });

  it('an expired signed URL is refused', async () => {
    await gw.control.advance(3601);
    expect((await fetch(signed)).status).toBe(403);
    const res = await ocr(alice, signed);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('expired');
  });

  it("the same path on another host is not read as the emulator's file", async () => {
    const foreign = unsigned.replace(gw.origin, 'http://files.example');
    const res = await ocr(bob, foreign);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).not.toBe(prompt);
  });

  it('a malformed percent-escape is a 400, not a 500', async () => {
    const res = await ocr(alice, `${gw.origin}/v1/files/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('percent-escape');
    const download = await gw.call('GET', '/v1/files/%E0%A4%A');
    expect(download.status).toBe(400);
  });
});
